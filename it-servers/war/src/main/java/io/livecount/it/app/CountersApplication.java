package io.livecount.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The test application's JAX-RS root: everything under {@code /api}. */
@ApplicationPath("api")
public class CountersApplication extends Application {}
