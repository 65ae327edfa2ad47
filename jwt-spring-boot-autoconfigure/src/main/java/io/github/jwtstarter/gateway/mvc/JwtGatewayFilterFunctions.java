package io.github.jwtstarter.gateway.mvc;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;

import io.github.jwtstarter.gateway.JwtGatewayArguments;

import org.springframework.cloud.gateway.server.mvc.common.Shortcut;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The JWT route filters of Spring Cloud Gateway Server Web MVC, in the style of its
 * {@code FilterFunctions}: discovered by name for YAML routes
 * ({@code JwtClaimsToHeaders=org:x-company,sub:x-user}) and usable in the gateway's Java
 * DSL ({@code .filter(jwtClaimsToHeaders("org:x-company"))}).
 */
public final class JwtGatewayFilterFunctions {

	private JwtGatewayFilterFunctions() {
	}

	/**
	 * {@code JwtClaimsToHeaders=claim:header,...}: copies claims of the verified token
	 * into request headers for this route, rendered as {@code claims-to-headers} renders
	 * them. Every client-sent header of a mapped name is removed first, so the upstream
	 * only ever sees values taken from a verified token; without one, the headers are
	 * only removed.
	 * @param mappings each {@code claim:header}, e.g. {@code org:x-company}
	 * @return the filter
	 */
	@Shortcut(value = "mappings", type = Shortcut.Type.LIST)
	public static HandlerFilterFunction<ServerResponse, ServerResponse> jwtClaimsToHeaders(String... mappings) {
		return HandlerFilterFunction
			.ofRequestProcessor(new ClaimsToHeadersRequestProcessor(JwtGatewayArguments.claimHeaders(mappings)));
	}

	/**
	 * Offers these filters to the gateway's discovery of YAML route filters.
	 */
	public static final class FilterSupplier
			implements org.springframework.cloud.gateway.server.mvc.filter.FilterSupplier {

		@Override
		public Collection<Method> get() {
			return Arrays.asList(JwtGatewayFilterFunctions.class.getMethods());
		}

	}

}
