package io.github.jwtstarter.sample.demo;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns on demo mode when the user configured no provider issuer and did not set
 * {@code demo.enabled=false}: starts a {@link DemoIdentityProvider}, configures
 * {@code jwt.providers.corp} and {@code jwt.providers.partner} to trust it, and prints
 * ready-to-paste {@code curl} commands once the web server is up.
 * <p>
 * Registered by {@code SampleApplication#main} only, so tests that build the context
 * themselves never see demo mode.
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

	private static final String ISSUER = "issuer";

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

	/**
	 * Returns whether the user configured a provider: some
	 * {@code jwt.providers.<id>.issuer} is set. Other provider properties alone (such as
	 * the {@code claims-to-headers} of the {@code canary} profile) leave demo mode on and
	 * apply to the demo providers.
	 * @param environment the environment
	 * @return whether a provider issuer is configured
	 */
	static boolean hasProviders(ConfigurableEnvironment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.containsDescendantOf(PROVIDERS) != ConfigurationPropertyState.PRESENT) {
				continue;
			}
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				return true;
			}
			boolean issuer = iterable.stream()
				.anyMatch((name) -> PROVIDERS.isAncestorOf(name) && name.getNumberOfElements() == 4
						&& ISSUER.equals(name.getLastElement(ConfigurationPropertyName.Form.UNIFORM)));
			if (issuer) {
				return true;
			}
		}
		return false;
	}

}
