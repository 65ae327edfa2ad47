package io.github.jwtstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when some provider keeps its DPoP proof ids in Redis
 * ({@code jwt.providers.<id>.sender-constraint.replay-store: redis}), and explains
 * itself.
 */
class OnRedisReplayStoreCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("DPoP replay store on Redis");
		Binder binder = Binder.get(context.getEnvironment());
		Map<String, Object> providers = binder.bind("jwt.providers", Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of());
		List<String> redis = new ArrayList<>();
		for (String id : providers.keySet()) {
			JwtProperties.ReplayStore store = binder
				.bind("jwt.providers." + id + ".sender-constraint.replay-store", JwtProperties.ReplayStore.class)
				.orElse(JwtProperties.ReplayStore.MEMORY);
			if (store == JwtProperties.ReplayStore.REDIS) {
				redis.add("jwt.providers." + id + ".sender-constraint.replay-store");
			}
		}
		if (redis.isEmpty()) {
			return ConditionOutcome.noMatch(message.didNotFind("provider with replay-store: redis").atAll());
		}
		return ConditionOutcome.match(message.found("property", "properties").items(redis));
	}

}
