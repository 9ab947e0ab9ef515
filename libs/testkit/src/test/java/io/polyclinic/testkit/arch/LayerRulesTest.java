package io.polyclinic.testkit.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.example.library.TokenRepository;
import org.junit.jupiter.api.Test;

/** The rule "controllers never call a repository" over fixture classes: ours is refused, a library's is not. */
class LayerRulesTest {

    static class VisitRepository {
        int count() {
            return 0;
        }
    }

    static class ReachingController {
        int visits(VisitRepository repository) {
            return repository.count();
        }
    }

    static class CookieController {
        String token(TokenRepository tokens) {
            return tokens.token();
        }
    }

    private static final String RULE = "controllers call use cases, never the data layer directly";

    private static boolean violates(Class<?>... classes) {
        var imported = new ClassFileImporter().importClasses(classes);
        return LayerRules.all().stream()
                .filter(rule -> rule.getDescription().contains(RULE))
                .anyMatch(rule -> rule.evaluate(imported).hasViolation());
    }

    @Test
    void aControllerCallingOurRepositoryBreaksTheRule() {
        assertThat(violates(ReachingController.class, VisitRepository.class)).isTrue();
    }

    @Test
    void aLibrarysClassNamedRepositoryIsNotOurDataLayer() {
        assertThat(violates(CookieController.class, TokenRepository.class)).isFalse();
    }
}
