package io.github.jwtstarter.autoconfigure;

import io.github.jwtstarter.jwt.DPoPReplayStore;
import io.github.jwtstarter.redis.RedisDPoPReplayStore;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The DPoP replay store shared by every replica, for the providers with
 * {@code sender-constraint.replay-store: redis}: on the application's Redis connection
 * (Spring Boot's {@code spring.data.redis.*}, Lettuce), through Spring Data Redis's
 * reactive template. Without Spring Data Redis, without a Redis connection or without
 * such a provider, nothing is configured (and a provider asking for Redis without a
 * connection fails startup, naming the property). A {@link DPoPReplayStore} bean of the
 * application's own replaces this one.
 */
@AutoConfiguration(before = JwtAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" })
@ConditionalOnClass({ ReactiveStringRedisTemplate.class, Flux.class })
@ConditionalOnJwtProviders
@Conditional(OnRedisReplayStoreCondition.class)
public final class JwtDPoPReplayStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ReactiveRedisConnectionFactory.class)
	DPoPReplayStore jwtDPoPReplayStore(ReactiveRedisConnectionFactory connectionFactory) {
		return new RedisDPoPReplayStore(new ReactiveStringRedisTemplate(connectionFactory));
	}

}
