package io.github.jwtstarter.sample.demo;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns on demo mode when the user configured no {@code jwt.providers} and did not set
 * {@code demo.enabled=false}: starts a {@link DemoIdentityProvider}, configures
 * {@code jwt.providers.corp} and {@code jwt.providers.partner} to trust it, and prints
 * ready-to-paste {@code curl} commands once the web server is up.
 * <p>
 * Registered by {@code SampleApplication#main} only, so tests that build the context
 * themselves never see demo mode.
 *
 * @author jwt-spring-boot-starter
 */
public final class DemoModeInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * Name of the property source holding the demo providers.
	 */
	public static final String PROPERTY_SOURCE_NAME = "demoMode";

	/**
	 * Property that switches demo mode off when {@code false}.
	 */
	public static final String ENABLED_PROPERTY = "demo.enabled";

	private static final ConfigurationPropertyName PROVIDERS = ConfigurationPropertyName.of("jwt.providers");

	private static final Log logger = LogFactory.getLog(DemoModeInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!environment.getProperty(ENABLED_PROPERTY, Boolean.class, true)) {
			logger.debug("Demo mode off: " + ENABLED_PROPERTY + "=false");
			return;
		}
		if (hasProviders(environment)) {
			logger.debug("Demo mode off: jwt.providers is configured");
			return;
		}
		DemoIdentityProvider identityProvider = DemoIdentityProvider.start();
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, identityProvider.properties()));
		context.addApplicationListener(new DemoModeListener(context, identityProvider));
	}

	static boolean hasProviders(ConfigurableEnvironment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.containsDescendantOf(PROVIDERS) == ConfigurationPropertyState.PRESENT) {
				return true;
			}
		}
		return false;
	}

}
