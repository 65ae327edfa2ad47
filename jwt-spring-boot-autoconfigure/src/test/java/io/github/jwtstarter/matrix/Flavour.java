package io.github.jwtstarter.matrix;

/**
 * The flavours README's "What works where" table has a column for.
 */
public enum Flavour {

	/**
	 * Spring MVC on Tomcat.
	 */
	SERVLET("servlet"),

	/**
	 * WebFlux on Netty.
	 */
	REACTIVE("reactive"),

	/**
	 * Spring Cloud Gateway Server Web MVC in front of a recording upstream.
	 */
	GATEWAY_MVC("gateway-mvc"),

	/**
	 * Spring Cloud Gateway Server WebFlux in front of a recording upstream.
	 */
	GATEWAY_WEBFLUX("gateway-webflux");

	private final String id;

	Flavour(String id) {
		this.id = id;
	}

	/**
	 * Returns the id that {@code matrix.json} and README's check use.
	 * @return e.g. {@code gateway-mvc}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Returns whether this is a gateway in front of an upstream.
	 * @return whether requests are forwarded rather than handled
	 */
	public boolean isGateway() {
		return this == GATEWAY_MVC || this == GATEWAY_WEBFLUX;
	}

	/**
	 * Returns whether this runs on WebFlux.
	 * @return whether the stack is reactive
	 */
	public boolean isReactive() {
		return this == REACTIVE || this == GATEWAY_WEBFLUX;
	}

}
