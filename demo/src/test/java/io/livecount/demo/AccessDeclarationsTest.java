package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.demo.access.AccessRule;
import io.livecount.demo.access.AdminOnly;
import io.livecount.demo.access.Public;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every resource method declares who may call it; what declares nothing is refused")
class AccessDeclarationsTest {

    /** Every class of the demo's main code (target/classes), loaded without initialising. */
    static List<Class<?>> demoClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path root = java.nio.file.Path.of(DemoApplication.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path file :
                    files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                classes.add(Class.forName(name, false, AccessDeclarationsTest.class.getClassLoader()));
            }
        }
        return classes;
    }

    static boolean isResourceMethod(Method method) {
        return method.isAnnotationPresent(Path.class)
                || Arrays.stream(method.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    static List<Method> resourceMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(AccessDeclarationsTest::isResourceMethod)
                .toList();
    }

    @Test
    @DisplayName("the scan finds the demo's resources (so that an empty scan cannot pass the tests below)")
    void scanFindsResources() throws Exception {
        assertThat(demoClasses().stream().filter(c -> c.isAnnotationPresent(Path.class)))
                .hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    @DisplayName("each resource method of the demo declares @Public or @AdminOnly, on itself or its class, not both")
    void everyMethodDeclaresItsAccess() throws Exception {
        List<String> undeclared = new ArrayList<>();
        for (Class<?> type : demoClasses()) {
            for (Method method : resourceMethods(type)) {
                if (AccessRule.of(method, type) == AccessRule.REFUSED) {
                    undeclared.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(undeclared).as("resource methods that would be refused").isEmpty();
    }

    @Test
    @DisplayName("each root resource class is in DemoApplication (which servers use instead of scanning)")
    void everyResourceClassIsRegistered() throws Exception {
        // a sub-resource (reached through a locator, no @Path of its own) is not registered: it is
        // matched through its root, and declares its own access like every resource
        List<Class<?>> withResources = demoClasses().stream()
                .filter(c -> c.isAnnotationPresent(Path.class))
                .toList();

        assertThat(new DemoApplication().getClasses()).containsAll(withResources);
    }

    @Test
    @DisplayName("the admin's resources are admin-only, the way in and the clicks public")
    void theDemosRules() throws Exception {
        assertThat(rule(io.livecount.demo.admin.ApiResource.class, "top")).isEqualTo(AccessRule.ADMIN_API);
        assertThat(rule(io.livecount.demo.admin.ApiResource.class, "flush")).isEqualTo(AccessRule.ADMIN_API);
        assertThat(rule(io.livecount.demo.admin.AdminResource.class, "page")).isEqualTo(AccessRule.ADMIN_PAGE);
        assertThat(rule(io.livecount.demo.admin.AdminResource.class, "flush")).isEqualTo(AccessRule.ADMIN_PAGE);
        assertThat(rule(io.livecount.demo.admin.LoginResource.class, "login")).isEqualTo(AccessRule.PUBLIC);
        assertThat(rule(io.livecount.demo.clicks.RedirectResource.class, "redirect"))
                .isEqualTo(AccessRule.PUBLIC);
    }

    // --- the rule itself, on resources made for it

    @Path("undeclared")
    static class Undeclared {
        @GET
        public String get() {
            return "";
        }
    }

    @Public
    @AdminOnly
    @Path("both")
    static class Both {
        @GET
        public String get() {
            return "";
        }
    }

    @AdminOnly(AdminOnly.Kind.API)
    @Path("mixed")
    static class Mixed {
        @GET
        public String admin() {
            return "";
        }

        @POST
        @Public
        public String open() {
            return "";
        }
    }

    /** What CDI may hand out: a subclass without annotations of its own. */
    static class MixedProxy extends Mixed {}

    @Test
    @DisplayName("a method that declares nothing, or both on one element, is refused; a missing method too")
    void failsClosed() throws Exception {
        assertThat(rule(Undeclared.class, "get")).isEqualTo(AccessRule.REFUSED);
        assertThat(rule(Both.class, "get")).isEqualTo(AccessRule.REFUSED);
        assertThat(AccessRule.of(null, Mixed.class)).isEqualTo(AccessRule.REFUSED);
        assertThat(AccessRule.of(Mixed.class.getMethod("admin"), null)).isEqualTo(AccessRule.REFUSED);
    }

    @Test
    @DisplayName("a method's own declaration wins over its class's; a subclass inherits the class's")
    void methodOverClass() throws Exception {
        assertThat(rule(Mixed.class, "open")).isEqualTo(AccessRule.PUBLIC);
        assertThat(rule(Mixed.class, "admin")).isEqualTo(AccessRule.ADMIN_API);
        assertThat(AccessRule.of(Mixed.class.getMethod("admin"), MixedProxy.class))
                .isEqualTo(AccessRule.ADMIN_API);
    }

    @Test
    @DisplayName("the scan would see these test resources as undeclared (the check is not vacuous)")
    void scanCheckSeesUndeclared() {
        assertThat(resourceMethods(Undeclared.class)).hasSize(1);
        Annotation get = resourceMethods(Undeclared.class).get(0).getAnnotation(GET.class);
        assertThat(get).isNotNull();
    }

    static AccessRule rule(Class<?> type, String methodName) {
        Method method = Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.getName().equals(methodName) && isResourceMethod(m))
                .findFirst()
                .orElseThrow();
        return AccessRule.of(method, type);
    }
}
