package io.polyclinic.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The platform's bounded waits are in force on the notifier's pooled connections. */
class DatabaseLimitsTest extends NotifierTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aPooledSessionHasTheStatementAndIdleTransactionLimits() {
        assertThat(jdbc.sql("show statement_timeout").query(String.class).single())
                .isEqualTo("30s");
        assertThat(jdbc.sql("show idle_in_transaction_session_timeout")
                        .query(String.class)
                        .single())
                .isEqualTo("1min");
    }

    @Test
    void thePoolAndTheDriverNeverWaitForEver() throws Exception {
        var pool = dataSource.unwrap(HikariDataSource.class);
        assertThat(pool.getConnectionTimeout()).isEqualTo(5_000);
        assertThat(pool.getDataSourceProperties())
                .containsEntry("connectTimeout", "5")
                .containsEntry("socketTimeout", "120")
                .containsEntry("tcpKeepAlive", "true");
    }
}
