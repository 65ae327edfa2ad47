package io.github.jwtstarter.matrix;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

/**
 * A runner that starts a Spring Boot application class on a free port with the scenario's
 * properties. A new application variant is a subclass naming its class, its flavour and,
 * if need be, its own properties:
 *
 * <pre class="code">
 * public final class ServletOwnChainRunner extends SpringBootRunner {
 *
 * 	public ServletOwnChainRunner() {
 * 		super("servlet-own-chain", Flavour.SERVLET, OwnChainApplication.class);
 * 	}
 *
 * }
 * </pre>
 *
 * The application records what it received in a {@link ReceivedRequests} bean (see
 * {@link EchoApplication}); a gateway runner overrides {@link #start(Map)} to put a
 * recording upstream behind it ({@link GatewayRunner}).
 */
public class SpringBootRunner implements MatrixRunner {

	private final String name;

	private final Flavour flavour;

	private final Class<?>[] sources;

	private final Map<String, String> properties = new LinkedHashMap<>();

	/**
	 * Creates a runner of an application class.
	 * @param name the runner's unique name
	 * @param flavour the flavour it proves
	 * @param sources the application's configuration classes
	 */
	protected SpringBootRunner(String name, Flavour flavour, Class<?>... sources) {
		Assert.hasText(name, "name cannot be empty");
		Assert.notNull(flavour, "flavour cannot be null");
		Assert.notEmpty(sources, "sources cannot be empty");
		this.name = name;
		this.flavour = flavour;
		this.sources = sources;
		this.properties.put("server.port", "0");
		this.properties.put("server.address", "127.0.0.1");
		this.properties.put("spring.main.web-application-type", flavour.isReactive() ? "reactive" : "servlet");
	}

	/**
	 * Adds a property that this runner gives every scenario (a scenario's own value
	 * wins).
	 * @param name the property name
	 * @param value its value
	 * @return this runner
	 */
	protected final SpringBootRunner withProperty(String name, String value) {
		this.properties.put(name, value);
		return this;
	}

	@Override
	public final String name() {
		return this.name;
	}

	@Override
	public final Flavour flavour() {
		return this.flavour;
	}

	@Override
	public MatrixApplication start(Map<String, String> properties) {
		ConfigurableApplicationContext context = run(properties);
		return new MatrixApplication(context, port(context), received(context), () -> {
		});
	}

	/**
	 * Starts the application with this runner's properties and the scenario's.
	 * @param properties the scenario's properties
	 * @return the started context
	 */
	protected final ConfigurableApplicationContext run(Map<String, String> properties) {
		Map<String, Object> all = new LinkedHashMap<>(this.properties);
		all.putAll(properties);
		return new SpringApplicationBuilder(this.sources)
			.web(this.flavour.isReactive() ? WebApplicationType.REACTIVE : WebApplicationType.SERVLET)
			.properties(all)
			// no application.yml of the module: the scenario's properties are the whole
			// configuration
			.run("--spring.config.name=jwt-matrix");
	}

	/**
	 * Returns what the application received; by default its {@link ReceivedRequests}
	 * bean.
	 * @param context the started context
	 * @return the requests
	 */
	protected ReceivedRequests received(ConfigurableApplicationContext context) {
		return context.getBean(ReceivedRequests.class);
	}

	protected static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
