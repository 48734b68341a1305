package io.livecount.demo.access;

import java.lang.reflect.Method;

/**
 * What a matched resource method requires, read from its declarations: the method's own {@link
 * Public} or {@link AdminOnly}, else its class's (or a superclass's: CDI may hand out a subclass).
 * A method that declares nothing, or both on one element, is {@link #REFUSED}: nothing is open by
 * omission.
 */
public enum AccessRule {
    PUBLIC,
    ADMIN_PAGE,
    ADMIN_API,
    REFUSED;

    /** The rule of {@code method} as matched on {@code resourceClass}; null arguments are refused. */
    public static AccessRule of(Method method, Class<?> resourceClass) {
        if (method == null || resourceClass == null) {
            return REFUSED;
        }
        AccessRule own = declared(method.isAnnotationPresent(Public.class), method.getAnnotation(AdminOnly.class));
        if (own != null) {
            return own;
        }
        for (Class<?> type = resourceClass; type != null && type != Object.class; type = type.getSuperclass()) {
            AccessRule inherited =
                    declared(type.isAnnotationPresent(Public.class), type.getAnnotation(AdminOnly.class));
            if (inherited != null) {
                return inherited;
            }
        }
        return REFUSED;
    }

    /** The rule one element declares, null if none, REFUSED if contradictory. */
    private static AccessRule declared(boolean isPublic, AdminOnly admin) {
        if (isPublic && admin != null) {
            return REFUSED;
        }
        if (isPublic) {
            return PUBLIC;
        }
        if (admin == null) {
            return null;
        }
        return admin.value() == AdminOnly.Kind.API ? ADMIN_API : ADMIN_PAGE;
    }
}
