package io.livecount.jpa.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The persistence providers Livecount supports, each loaded only if its classes are present: an
 * application with EclipseLink alone never loads a Hibernate class, and the reverse.
 */
public final class JpaProviders {

    private static final List<JpaProvider> PRESENT = present();

    private JpaProviders() {}

    /** The provider of an {@link EntityManager} or {@link EntityManagerFactory}. */
    public static JpaProvider of(Object entityManagerOrFactory) {
        for (JpaProvider provider : PRESENT) {
            if (provider.owns(entityManagerOrFactory)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("Livecount supports Hibernate ORM 6.6/7 and EclipseLink 4; "
                + entityManagerOrFactory.getClass().getName() + " is neither"
                + (PRESENT.isEmpty() ? " (and neither is on the class path)" : ""));
    }

    private static List<JpaProvider> present() {
        List<JpaProvider> providers = new ArrayList<>();
        add(providers, "org.hibernate.Session", () -> new HibernateProvider());
        add(providers, "org.eclipse.persistence.jpa.JpaEntityManager", () -> new EclipseLinkProvider());
        return List.copyOf(providers);
    }

    private static void add(List<JpaProvider> providers, String marker, Supplier<JpaProvider> provider) {
        try {
            Class.forName(marker, false, JpaProviders.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            return;
        }
        providers.add(provider.get());
    }

    /** Whether unwrapping {@code target} to {@code type} works (JPA throws when it does not). */
    static boolean unwraps(Object target, Class<?> type) {
        try {
            if (target instanceof EntityManager em) {
                return em.unwrap(type) != null;
            }
            return target instanceof EntityManagerFactory emf && emf.unwrap(type) != null;
        } catch (RuntimeException notThisProvider) {
            return false;
        }
    }
}
