package io.github.jwtstarter.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Fails the binding of {@link JwtProperties} on any property under {@code jwt.} that the
 * starter does not know, naming it and the closest known name; also when the binding
 * failed for another reason, such as Boot's own check of list elements. Names from environment
 * variables are not checked: their {@code _} stands for both {@code .} and {@code -}.
 *
 * @author jwt-spring-boot-starter
 */
final class UnknownJwtPropertiesBindHandlerAdvisor implements ConfigurationPropertiesBindHandlerAdvisor {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of(JwtProperties.PREFIX);

	private final JwtPropertyNames names = new JwtPropertyNames();

	@Override
	public BindHandler apply(BindHandler bindHandler) {
		return new AbstractBindHandler(bindHandler) {

			@Override
			public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Object result) throws Exception {
				if (context.getDepth() == 0 && PREFIX.equals(name)) {
					check(context.getSources());
				}
				super.onFinish(name, target, context, result);
			}

			@Override
			public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
					Exception error) throws Exception {
				if (context.getDepth() == 0 && PREFIX.equals(name)) {
					check(context.getSources());
				}
				return super.onFailure(name, target, context, error);
			}

		};
	}

	private void check(Iterable<ConfigurationPropertySource> sources) {
		for (ConfigurationPropertySource source : sources) {
			if (source instanceof IterableConfigurationPropertySource iterable
					&& !(source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource)) {
				iterable.filter(PREFIX::isAncestorOf).stream().forEach((name) -> check(source, name));
			}
		}
	}

	private void check(ConfigurationPropertySource source, ConfigurationPropertyName name) {
		String closest = this.names.closestKnownName(name);
		if (closest != null) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			throw new UnknownJwtPropertyException(name.toString(), closest,
					(property != null) ? property.getOrigin() : null);
		}
	}

}
