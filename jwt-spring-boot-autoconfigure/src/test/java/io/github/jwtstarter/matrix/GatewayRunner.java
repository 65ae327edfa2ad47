package io.github.jwtstarter.matrix;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Cloud Gateway flavour in front of a {@link RecordingUpstream}: one route
 * forwards every path to the upstream, so a scenario asserts on what the upstream
 * received as it does on what an application received. A scenario with routes of its own
 * (ids {@code routes[0]}, {@code routes[1]}, …) gets no catch-all route, and points its
 * routes at {@code ${matrix.upstream}}. The gateway's class path decides the flavour: the
 * runner runs in the module that has that gateway ({@code sample-gateway},
 * {@code sample-gateway-reactive}).
 */
public class GatewayRunner extends SpringBootRunner {

	private final String routes;

	/**
	 * The property that holds the upstream's URL, for a scenario's own routes
	 * ({@code uri: ${matrix.upstream}}).
	 */
	public static final String UPSTREAM_PROPERTY = "matrix.upstream";

	/**
	 * Creates a runner of a gateway flavour.
	 * @param name the runner's unique name
	 * @param flavour {@link Flavour#GATEWAY_MVC} or {@link Flavour#GATEWAY_WEBFLUX}
	 * @param sources the gateway application's configuration classes
	 */
	protected GatewayRunner(String name, Flavour flavour, Class<?>... sources) {
		super(name, flavour, sources);
		if (!flavour.isGateway()) {
			throw new IllegalArgumentException(flavour + " is not a gateway flavour");
		}
		this.routes = (flavour == Flavour.GATEWAY_MVC) ? "spring.cloud.gateway.server.webmvc.routes"
				: "spring.cloud.gateway.server.webflux.routes";
	}

	@Override
	public MatrixApplication start(Map<String, String> properties) {
		RecordingUpstream upstream = RecordingUpstream.start();
		try {
			// the scenario's own routes first (routes are tried in order), then every
			// path to the upstream
			int index = 0;
			while (properties.containsKey(this.routes + "[" + index + "].id")) {
				index++;
			}
			String route = this.routes + "[" + index + "].";
			Map<String, String> all = new LinkedHashMap<>(properties);
			all.put(UPSTREAM_PROPERTY, upstream.uri());
			if (index == 0) {
				all.put(route + "id", "upstream");
				all.put(route + "uri", upstream.uri());
				all.put(route + "predicates[0]", "Path=/**");
			}
			ConfigurableApplicationContext context = run(all);
			return new MatrixApplication(context, port(context), upstream.received(), upstream::close);
		}
		catch (RuntimeException ex) {
			upstream.close();
			throw ex;
		}
	}

	/**
	 * Spring Cloud Gateway Server Web MVC (Tomcat) in front of a recording upstream.
	 */
	public static final class Mvc extends GatewayRunner {

		public Mvc() {
			super("gateway-mvc", Flavour.GATEWAY_MVC, GatewayApplication.class);
		}

	}

	/**
	 * Spring Cloud Gateway Server WebFlux (Netty) in front of a recording upstream.
	 */
	public static final class WebFlux extends GatewayRunner {

		public WebFlux() {
			super("gateway-webflux", Flavour.GATEWAY_WEBFLUX, GatewayApplication.class);
		}

	}

}
