package io.livecount.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.CounterService;
import io.livecount.cdi.testing.OrderService;
import io.livecount.cdi.testing.Settings;
import io.livecount.jta.JtaTransactions;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@EnableWeld
@DisplayName("@Transactional business methods (Weld SE, Narayana CDI, Agroal XA pool on MariaDB)")
class TransactionalMethodTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.of(Settings.weldWith(Map.of(
            "livecount.datasource", "cdi:xa-mariadb",
            "livecount.transactions", "jta",
            "livecount.cache", "ehcache")));

    @Inject
    OrderService orders;

    @Inject
    CounterService counters;

    @Test
    @DisplayName("the service joins JTA because configuration found Narayana's TransactionSynchronizationRegistry bean")
    void joinsJta() {
        assertThat(counters.config().callerTransactions()).isInstanceOf(JtaTransactions.class);
    }

    @Test
    @DisplayName("a method that adds and then throws counts nothing, in either mode; one that returns counts in both")
    void rollbackCountsNothing() {
        long strictBefore = counters.get(OrderService.STRICT_ORDERS);
        counters.flush();
        long fastBefore = counters.get(OrderService.FAST_ORDERS);

        assertThatThrownBy(() -> orders.placeOrder(true)).hasMessageContaining("payment declined");
        counters.flush();
        assertThat(counters.get(OrderService.STRICT_ORDERS)).isEqualTo(strictBefore);
        assertThat(counters.get(OrderService.FAST_ORDERS)).isEqualTo(fastBefore);

        orders.placeOrder(false);
        counters.flush();
        assertThat(counters.get(OrderService.STRICT_ORDERS)).isEqualTo(strictBefore + 1);
        assertThat(counters.get(OrderService.FAST_ORDERS)).isEqualTo(fastBefore + 1);
    }
}
