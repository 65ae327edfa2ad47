package io.github.jwtstarter.routing;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.jwtstarter.routing.reactive.JwtServerWebExchangeMatchers;
import io.github.jwtstarter.routing.servlet.JwtRequestMatchers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four predicate and matcher holders (WebMvc.fn and WebFlux.fn predicates, Spring
 * Security request and exchange matchers) offer the same factories, with the same names
 * and arguments: a factory added to one is added to all four.
 */
class PredicateFactoriesInStepTests {

	private static final Set<Class<?>> HOLDERS = Set.of(io.github.jwtstarter.routing.servlet.JwtRequestPredicates.class,
			JwtRequestMatchers.class, io.github.jwtstarter.routing.reactive.JwtRequestPredicates.class,
			JwtServerWebExchangeMatchers.class);

	static Set<String> factories(Class<?> holder) {
		return Arrays.stream(holder.getDeclaredMethods())
			.filter((method) -> Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers()))
			.map(PredicateFactoriesInStepTests::signature)
			.collect(Collectors.toSet());
	}

	static String signature(Method method) {
		return method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", ", "(", ")"));
	}

	@Test
	void everyHolderOffersTheSameFactories() {
		Set<String> expected = factories(io.github.jwtstarter.routing.servlet.JwtRequestPredicates.class);
		assertThat(expected).contains("claim(String, String)", "claim(ClaimCondition)", "hasClaim(String)",
				"claimMatches(String, String)", "provider(String)", "authority(String)", "authenticated()");
		for (Class<?> holder : HOLDERS) {
			assertThat(factories(holder)).as(holder.getName()).isEqualTo(expected);
		}
	}

	@Test
	void everyFactoryIsBackedByAJwtCondition() {
		Set<String> conditions = Arrays.stream(JwtCondition.class.getDeclaredMethods())
			.filter((method) -> Modifier.isStatic(method.getModifiers()))
			.map(PredicateFactoriesInStepTests::signature)
			.collect(Collectors.toSet());
		assertThat(conditions).containsAll(factories(io.github.jwtstarter.routing.servlet.JwtRequestPredicates.class));
	}

}
