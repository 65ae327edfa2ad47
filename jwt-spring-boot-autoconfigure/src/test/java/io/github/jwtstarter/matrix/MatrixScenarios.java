package io.github.jwtstarter.matrix;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.jwtstarter.test.TestHttp;

/**
 * The base of every scenario class of the matrix: the class runs once per runner of the
 * test class path ({@link MatrixRunners#selected()}), each time against a freshly started
 * application configured with the class's {@link #properties(Flavour)}. A scenario sends
 * requests with {@link #http()} and asserts on the response and on {@link #received()}:
 * what the application, or the upstream behind a gateway, received.
 * <p>
 * A scenario class that does not apply to a flavour is named, with the reason, in
 * {@code matrix.json} ({@code notApplicable}): on that flavour's runners the class's
 * invocation is aborted with that reason before the application starts (a single
 * scenario, {@code Class#method}, is skipped with it), and README's table must say "—"
 * there unless another scenario of the row applies.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.jwtstarter.matrix.MatrixRunners#selected")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MatrixScenarios {

	@Parameter
	private MatrixRunner runner;

	private MatrixApplication application;

	/**
	 * Returns the properties of the application every scenario of this class runs
	 * against.
	 * @param flavour the runner's flavour, for the rare property that differs
	 * @return the properties
	 */
	protected abstract Map<String, String> properties(Flavour flavour);

	@BeforeParameterizedClassInvocation
	final void start(MatrixRunner runner) {
		Matrix.notApplicable(getClass(), null, runner.flavour())
			.ifPresent((reason) -> Assumptions.abort("not applicable on " + runner.flavour().id() + ": " + reason));
		this.application = runner.start(new LinkedHashMap<>(properties(runner.flavour())));
	}

	@AfterParameterizedClassInvocation
	final void stop() {
		if (this.application != null) {
			this.application.close();
			this.application = null;
		}
	}

	@BeforeEach
	final void forgetReceived(TestInfo test) {
		test.getTestMethod()
			.flatMap((method) -> Matrix.notApplicable(getClass(), method.getName(), flavour()))
			.ifPresent((reason) -> Assumptions.abort("not applicable on " + flavour().id() + ": " + reason));
		this.application.received().clear();
	}

	/**
	 * Returns properties from names and values, in order.
	 * @param namesAndValues property names and values, alternating
	 * @return the properties
	 */
	protected static Map<String, String> pairs(String... namesAndValues) {
		if (namesAndValues.length % 2 != 0) {
			throw new IllegalArgumentException("properties must be name and value pairs");
		}
		Map<String, String> properties = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			properties.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return properties;
	}

	/**
	 * Returns the URL of a path on the running application, as a client addresses it (a
	 * DPoP proof's {@code htu}).
	 * @param path the path
	 * @return the URL
	 */
	protected final String url(String path) {
		return http().url(path);
	}

	/**
	 * Returns the flavour the scenarios run on.
	 * @return the flavour
	 */
	protected final Flavour flavour() {
		return this.runner.flavour();
	}

	/**
	 * Returns the runner, for a scenario that starts an application of its own (one that
	 * must fail to start).
	 * @return the runner
	 */
	protected final MatrixRunner runner() {
		return this.runner;
	}

	/**
	 * Returns the running application.
	 * @return the application
	 */
	protected final MatrixApplication application() {
		return this.application;
	}

	/**
	 * Returns a client of the running application.
	 * @return the client
	 */
	protected final TestHttp http() {
		return this.application.http();
	}

	/**
	 * Returns what the application, or the upstream behind a gateway, received.
	 * @return the requests
	 */
	protected final ReceivedRequests received() {
		return this.application.received();
	}

}
