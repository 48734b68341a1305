package io.livecount.cdi.internal;

import io.livecount.jpa.LivecountJpa;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * {@code livecount.persistence-unit}: the pool of the application's persistence unit. The
 * container's unit is used (a CDI bean, or JNDI); a unit is bootstrapped only where no JNDI
 * environment exists (Java SE), never a second time on a server. Loaded only when the setting is
 * used, so that applications without JPA never load a JPA class.
 */
public final class PersistenceUnits {

    static final String KEY = ConfigReader.PERSISTENCE_UNIT;

    private PersistenceUnits() {}

    /** Whether livecount-jpa is on the class path (the setting needs it). */
    public static void requireLivecountJpa(String unitName) {
        try {
            Class.forName("io.livecount.jpa.LivecountJpa", false, PersistenceUnits.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            throw new IllegalArgumentException(
                    KEY + " = '" + unitName + "' needs io.livecount:livecount-jpa: add it to the application");
        }
    }

    /**
     * The unit's pool. {@code unit} is a unit name, or a JNDI name ({@code java:...}) of an
     * EntityManagerFactory. A unit bootstrapped here is handed to {@code bootstrapped}, whose owner
     * closes it.
     */
    public static DataSource dataSource(String unit, Consumer<AutoCloseable> bootstrapped) {
        requireLivecountJpa(unit);
        EntityManagerFactory found = unit.startsWith("java:") ? jndi(unit) : bean(unit);
        List<NamingException> notBound = new ArrayList<>();
        if (found == null && !unit.startsWith("java:")) {
            found = firstInJndi(notBound, "java:comp/env/persistence/" + unit, "java:comp/env/" + unit);
        }
        if (found == null) {
            found = bootstrap(unit, notBound);
            bootstrapped.accept(found::close);
        }
        try {
            return LivecountJpa.dataSource(found);
        } catch (LinkageError hidden) {
            // the server shows applications its provider's API, not the classes that lead to the
            // unit's pool (Open Liberty): the unit's own data source, as its persistence.xml names it
            return DeclaredDataSources.of(unit, hidden);
        }
    }

    /**
     * Looked up here, when the setting is used, not injected into the producer: an injection point of
     * type EntityManagerFactory would need the JPA API in every application.
     */
    private static EntityManagerFactory bean(String unit) {
        List<EntityManagerFactory> all = new ArrayList<>();
        for (EntityManagerFactory bean : CDI.current().select(EntityManagerFactory.class, Any.Literal.INSTANCE)) {
            if (unit.equals(nameOf(bean))) {
                return bean;
            }
            all.add(bean);
        }
        // JPA 3.1 factories cannot tell their unit's name: one bean is taken to be the unit
        return all.size() == 1 && nameOf(all.get(0)) == null ? all.get(0) : null;
    }

    private static String nameOf(EntityManagerFactory factory) {
        try {
            return factory.getName(); // Jakarta Persistence 3.2
        } catch (AbstractMethodError | NoSuchMethodError | UnsupportedOperationException jpa31) {
            return null;
        }
    }

    private static EntityManagerFactory jndi(String name) {
        try {
            return (EntityManagerFactory) new InitialContext().lookup(name);
        } catch (NamingException | RuntimeException e) {
            throw new IllegalArgumentException(
                    KEY + " = '" + name + "': no EntityManagerFactory at this JNDI name (" + e + ")", e);
        }
    }

    private static EntityManagerFactory firstInJndi(List<NamingException> notBound, String... names) {
        for (String name : names) {
            try {
                if (new InitialContext().lookup(name) instanceof EntityManagerFactory factory) {
                    return factory;
                }
            } catch (NamingException notThere) {
                notBound.add(notThere);
            } catch (RuntimeException | LinkageError notThere) {
                // next name
            }
        }
        return null;
    }

    /** Bootstraps the unit, but never where a container manages units (JNDI environment present). */
    private static EntityManagerFactory bootstrap(String unit, List<NamingException> notBound) {
        if (onServer()) {
            throw new IllegalArgumentException(
                    KEY + " = '" + unit + "': the container's unit was not found, and"
                            + " Livecount does not bootstrap a second one on a server. Expose it: a bean"
                            + " (@Produces @PersistenceUnit(unitName = \"" + unit + "\") EntityManagerFactory), or a"
                            + " persistence-unit-ref at java:comp/env/persistence/" + unit,
                    notBound.isEmpty() ? null : notBound.get(notBound.size() - 1));
        }
        try {
            return Persistence.createEntityManagerFactory(unit);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    KEY + " = '" + unit
                            + "': no EntityManagerFactory bean of that unit, and it cannot be bootstrapped: " + e,
                    e);
        }
    }

    private static boolean onServer() {
        try {
            new InitialContext().lookup("java:comp/env");
            return true;
        } catch (NamingException | RuntimeException | LinkageError noJndi) {
            return false;
        }
    }
}
