package io.github.jwtstarter.matrix;

/**
 * The runners of the starter in an application of its own ({@link EchoApplication}).
 */
public final class AppRunners {

	private AppRunners() {
	}

	/**
	 * Spring MVC on Tomcat.
	 */
	public static final class Servlet extends SpringBootRunner {

		public Servlet() {
			super("servlet", Flavour.SERVLET, EchoApplication.class);
		}

	}

	/**
	 * WebFlux on Netty.
	 */
	public static final class Reactive extends SpringBootRunner {

		public Reactive() {
			super("reactive", Flavour.REACTIVE, EchoApplication.class);
		}

	}

}
