package io.github.jwtstarter.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.function.SingletonSupplier;

/**
 * Fails the binding of {@link JwtProperties} on any property under {@code jwt.} that the
 * starter does not know, naming it and the closest known name; also when the binding
 * failed for another reason, such as Boot's own check of list elements. Names from
 * environment variables are not checked: their {@code _} stands for both {@code .} and
 * {@code -}. A value outside a closed set (an enum, such as a principal's
 * {@code matcher}) fails naming the property and the values it takes, as users write them
 * ({@code exact-string}).
 */
final class UnknownJwtPropertiesBindHandlerAdvisor implements ConfigurationPropertiesBindHandlerAdvisor {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of(JwtProperties.PREFIX);

	private final Supplier<JwtPropertyNames> names;

	/**
	 * Creates the advisor.
	 * @param namespaces the namespaces that other modules bind under {@code jwt.}, read
	 * when the properties are first bound
	 */
	UnknownJwtPropertiesBindHandlerAdvisor(Supplier<List<JwtPropertyNamespace>> namespaces) {
		this.names = SingletonSupplier.of(() -> new JwtPropertyNames(namespaces.get()));
	}

	@Override
	public BindHandler apply(BindHandler bindHandler) {
		return new AbstractBindHandler(bindHandler) {

			@Override
			public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result)
					throws Exception {
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
				Class<?> type = target.getType().resolve();
				ConfigurationProperty property = context.getConfigurationProperty();
				if (type != null && type.isEnum() && error instanceof ConversionException && property != null
						&& PREFIX.isAncestorOf(name)) {
					throw new InvalidConfigurationPropertyValueException(name.toString(), property.getValue(),
							"not one of the accepted values; use " + values(type));
				}
				return super.onFailure(name, target, context, error);
			}

		};
	}

	private static String values(Class<?> enumType) {
		return JwtPropertiesValidator.names(Arrays.stream(enumType.getEnumConstants())
			.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
			.toList());
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
		String closest = this.names.get().closestKnownName(name);
		if (closest != null) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			throw new UnknownJwtPropertyException(name.toString(), closest,
					(property != null) ? property.getOrigin() : null);
		}
	}

}
