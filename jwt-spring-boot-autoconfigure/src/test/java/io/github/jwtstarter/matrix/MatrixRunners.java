package io.github.jwtstarter.matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The runners the scenarios of this test run use: those registered with
 * {@link ServiceLoader} and named, in order, by the system property {@value #PROPERTY}
 * (each module's surefire configuration sets it; without it, every registered runner
 * whose classes are all present).
 */
public final class MatrixRunners {

	/**
	 * The system property naming the runners of a module, comma-separated.
	 */
	public static final String PROPERTY = "matrix.runners";

	private MatrixRunners() {
	}

	/**
	 * Returns the runners chosen for this test run, the argument source of every
	 * {@link MatrixScenarios} class.
	 * @return the runners
	 */
	public static List<MatrixRunner> selected() {
		Map<String, MatrixRunner> registered = new LinkedHashMap<>();
		ServiceLoader.load(MatrixRunner.class).stream().forEach((provider) -> {
			try {
				MatrixRunner runner = provider.get();
				registered.put(runner.name(), runner);
			}
			catch (java.util.ServiceConfigurationError | LinkageError ex) {
				// a runner of a flavour whose classes this class path lacks
			}
		});
		String names = System.getProperty(PROPERTY);
		if (names == null || names.isBlank()) {
			registered.values().forEach(Matrix::assertDeclared);
			return List.copyOf(registered.values());
		}
		List<MatrixRunner> selected = new ArrayList<>();
		for (String name : Arrays.stream(names.split(",")).map(String::trim).filter((n) -> !n.isEmpty()).toList()) {
			MatrixRunner runner = registered.get(name);
			if (runner == null) {
				throw new IllegalStateException(
						"No matrix runner '" + name + "' (from -D" + PROPERTY + "); registered: " + registered.keySet()
								+ " (register a runner in META-INF/services/" + MatrixRunner.class.getName() + ")");
			}
			Matrix.assertDeclared(runner);
			selected.add(runner);
		}
		return selected;
	}

}
