package io.github.jwtstarter.matrix;

import java.util.Map;

/**
 * One application variant on one flavour that every scenario of the matrix runs against.
 * Runners are found with {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/io.github.jwtstarter.matrix.MatrixRunner} of the module's test
 * resources) and chosen by name with the system property {@value MatrixRunners#PROPERTY}.
 * Most runners extend {@link SpringBootRunner}.
 */
public interface MatrixRunner {

	/**
	 * Returns the runner's unique name, as the property {@value MatrixRunners#PROPERTY}
	 * and the test reports name it.
	 * @return e.g. {@code servlet} or {@code gateway-webflux}
	 */
	String name();

	/**
	 * Returns the flavour whose column of README's table this runner proves.
	 * @return the flavour
	 */
	Flavour flavour();

	/**
	 * Starts the application with a scenario's properties.
	 * @param properties the scenario's properties ({@code jwt.*}, {@code server.ssl.*},
	 * …)
	 * @return the running application
	 */
	MatrixApplication start(Map<String, String> properties);

}
