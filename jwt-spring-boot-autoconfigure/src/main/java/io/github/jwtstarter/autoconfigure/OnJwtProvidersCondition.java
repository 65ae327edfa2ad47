package io.github.jwtstarter.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition of {@link ConditionalOnJwtProviders}: binds {@code jwt.providers} and
 * explains itself.
 */
class OnJwtProvidersCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnJwtProviders.class);
		Binder binder = Binder.get(context.getEnvironment());
		boolean enabled = binder.bind("jwt.enabled", Boolean.class).orElse(true);
		if (!enabled) {
			return ConditionOutcome.noMatch(message.because("jwt.enabled is false"));
		}
		Map<String, Object> providers = binder.bind("jwt.providers", Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of());
		if (providers.isEmpty()) {
			return ConditionOutcome.noMatch(message.didNotFind("property").items("jwt.providers.*"));
		}
		return ConditionOutcome.match(message.found("JWT provider", "JWT providers").items(providers.keySet()));
	}

}
