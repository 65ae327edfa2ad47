package io.github.jwtstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The application's own security filter chains, as the starter's catch-all chain sees
 * them when it is created: the starter's chain takes every request that no chain of the
 * application takes, unless one of them takes every request. Such a chain replaces the
 * starter's (Spring Security refuses a chain after it), and when it does not include the
 * starter through its configurer, the application is told once, at startup.
 *
 * @param <C> the chain type ({@code SecurityFilterChain} or
 * {@code SecurityWebFilterChain})
 */
final class ApplicationChains<C> {

	private static final Log logger = LogFactory.getLog(ApplicationChains.class);

	private final List<Chain<C>> chains;

	private ApplicationChains(List<Chain<C>> chains) {
		this.chains = chains;
	}

	/**
	 * Collects the chain beans of the application, the starter's own excluded.
	 * @param <C> the chain type
	 * @param beanFactory the bean factory
	 * @param type the chain type
	 * @param starterChain the bean name of the starter's chain
	 * @return the chains
	 */
	static <C> ApplicationChains<C> of(ListableBeanFactory beanFactory, Class<C> type, String starterChain) {
		List<Chain<C>> chains = new ArrayList<>();
		for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
			if (!name.equals(starterChain)) {
				chains.add(new Chain<>(name, beanFactory.getBean(name, type)));
			}
		}
		return new ApplicationChains<>(chains);
	}

	/**
	 * Returns the first chain of the application that takes every request.
	 * @param takesEveryRequest whether a chain takes every request
	 * @return the chain, or {@code null} when every chain of the application is narrow
	 */
	@Nullable Chain<C> catchAll(Predicate<C> takesEveryRequest) {
		for (Chain<C> chain : this.chains) {
			if (takesEveryRequest.test(chain.chain())) {
				return chain;
			}
		}
		return null;
	}

	/**
	 * Tells the application, when it asked to be told, that a chain of its own takes
	 * every request without the starter.
	 * @param chain the chain that takes every request
	 * @param includesStarter whether the chain includes the starter
	 * @param properties the properties
	 * @param howToInclude the line of code that includes the starter in such a chain
	 */
	static void warnIfOmitted(Chain<?> chain, boolean includesStarter, JwtProperties properties, String howToInclude) {
		if (includesStarter || !properties.getFilterChain().isWarnIfOmitted()) {
			return;
		}
		logger.warn("The security filter chain bean '" + chain.name() + "' matches every request and does not "
				+ "include the JWT starter, so no request is verified with jwt.providers. Include the starter in it ("
				+ howToInclude + "), or give it a securityMatcher so that the starter's chain takes the other "
				+ "requests. If the omission is deliberate (the chain verifies tokens with the starter's resolver "
				+ "beans, say), set jwt.filter-chain.warn-if-omitted=false.");
	}

	/**
	 * A chain bean.
	 *
	 * @param <C> the chain type
	 * @param name the bean name
	 * @param chain the chain
	 */
	record Chain<C>(String name, C chain) {

	}

}
