package io.polyclinic.identity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = PasswordPolicy.withBundledList();

    @Test
    void theBundledListHoldsSeveralHundredCommonPasswords() {
        assertThat(policy.commonPasswordCount()).isGreaterThan(300);
    }

    @Test
    void aLongUncommonPasswordIsAccepted() {
        assertThatCode(() -> policy.check("correct horse battery staple")).doesNotThrowAnyException();
    }

    @Test
    void eightCharactersAreEnoughAndSevenAreNot() {
        assertThatCode(() -> policy.check("k7#Qz!xw")).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("k7#Qz!x"))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessageContaining("between 8 and 128");
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        // Seven emoji are fourteen UTF-16 units but seven characters.
        assertThatThrownBy(() -> policy.check("😀".repeat(7))).isInstanceOf(WeakPasswordException.class);
        assertThatCode(() -> policy.check("😀".repeat(128))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("😀".repeat(129))).isInstanceOf(WeakPasswordException.class);
    }

    @Test
    void commonPasswordsAreRejectedIgnoringCase() {
        assertThatThrownBy(() -> policy.check("password1")).isInstanceOf(WeakPasswordException.class);
        assertThatThrownBy(() -> policy.check("PaSsWoRd1"))
                .isInstanceOf(WeakPasswordException.class)
                .hasMessageContaining("too common");
        assertThatThrownBy(() -> policy.check("qwertyuiop")).isInstanceOf(WeakPasswordException.class);
    }

    @Test
    void aMissingPasswordIsRejected() {
        assertThatThrownBy(() -> policy.check(null)).isInstanceOf(WeakPasswordException.class);
    }

    @Test
    void theProblemNamesThePasswordField() {
        assertThatThrownBy(() -> policy.check("short"))
                .isInstanceOfSatisfying(
                        WeakPasswordException.class, e -> assertThat(e.field()).isEqualTo("password"));
    }
}
