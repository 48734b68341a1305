package io.livecount.it.quarkus;

import io.quarkus.arc.Arc;
import io.quarkus.arc.impl.ArcContainerImpl;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Not part of the test application: tells the harness how many unused beans ArC removed at build
 * time. An {@code @Any Instance<Object>} injection point anywhere switches the removal off (0).
 */
@Path("/arc")
public class ArcProbe {

    @GET
    @Path("removed-beans")
    @Produces(MediaType.TEXT_PLAIN)
    public String removedBeans() {
        return String.valueOf(
                ((ArcContainerImpl) Arc.container()).getRemovedBeans().size());
    }
}
