package io.livecount.cdi.testing;

import io.agroal.api.AgroalDataSource;
import io.livecount.testing.TestDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import javax.sql.DataSource;

/** The application's JTA data source as a CDI bean ({@code livecount.datasource=cdi:xa-mariadb}). */
@ApplicationScoped
public class XaDataSourceProducer {

    @Produces
    @ApplicationScoped
    @Named("xa-mariadb")
    public DataSource xaMariaDb() {
        return Jta.dataSource(TestDatabase.MARIADB);
    }

    public void close(@Disposes @Named("xa-mariadb") DataSource dataSource) {
        ((AgroalDataSource) dataSource).close();
    }
}
