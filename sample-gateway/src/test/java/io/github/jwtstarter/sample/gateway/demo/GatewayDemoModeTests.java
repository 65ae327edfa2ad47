package io.github.jwtstarter.sample.gateway.demo;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.jwtstarter.sample.gateway.GatewaySampleApplication;
import io.github.jwtstarter.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo mode as a user meets it: every curl command the banner prints, run with the
 * exported tokens, answers the status its comment promises, from the upstream it names.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatewayDemoModeTests {

	private static final Pattern EXPORT = Pattern.compile("^export (\\w+)='([^']+)'$");

	private static final Pattern PROMISE = Pattern.compile("^# (\\d{3})(?:: | from the (\\w+))?.*$");

	private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");

	@Test
	void everyPrintedCurlCommandAnswersAsItsCommentSays(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewaySampleApplication.class)
			.initializers(new DemoModeInitializer())
			.properties("server.port=0")
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			Map<String, String> exported = new HashMap<>();
			String promise = null;
			int commands = 0;
			for (String line : output.getOut().split("\\R")) {
				Matcher export = EXPORT.matcher(line);
				if (export.matches()) {
					exported.put(export.group(1), export.group(2));
				}
				else if (line.startsWith("# ")) {
					promise = line;
				}
				else if (line.startsWith("curl ")) {
					assertThat(promise).as("comment before " + line).isNotNull();
					run(line, promise, exported, port);
					commands++;
				}
			}
			assertThat(exported).containsKeys("SOLO_TOKEN", "CORP_TOKEN", "SVC_A_TOKEN", "SVC_B_TOKEN");
			assertThat(commands).isEqualTo(8);
		}
	}

	private static void run(String command, String promise, Map<String, String> exported, int port) throws Exception {
		List<String> words = words(command, exported);
		String method = "GET";
		String url = null;
		List<String> headers = new ArrayList<>();
		for (int i = 1; i < words.size(); i++) {
			String word = words.get(i);
			if (word.equals("-X")) {
				method = words.get(++i);
			}
			else if (word.equals("-H")) {
				String header = words.get(++i);
				int colon = header.indexOf(':');
				headers.add(header.substring(0, colon).strip());
				headers.add(header.substring(colon + 1).strip());
			}
			else if (!word.startsWith("-")) {
				url = word;
			}
		}
		assertThat(url).as(command).startsWith("http://localhost:" + port + "/");
		HttpResponse<String> response = new TestHttp(port).sendWithHeaders(method,
				url.substring(("http://localhost:" + port).length()), headers.toArray(String[]::new));
		Matcher expected = PROMISE.matcher(promise);
		assertThat(expected.matches()).as(promise).isTrue();
		assertThat(response.statusCode()).as(command + "\n" + response.body())
			.isEqualTo(Integer.parseInt(expected.group(1)));
		if (expected.group(2) != null) {
			assertThat(response.body()).as(command).contains("\"upstream\":\"" + expected.group(2) + "\"");
		}
	}

	/**
	 * Splits a command as a POSIX shell would for these commands: single quotes literal,
	 * double quotes and bare words with {@code $NAME} expanded.
	 */
	private static List<String> words(String command, Map<String, String> exported) {
		List<String> words = new ArrayList<>();
		StringBuilder word = null;
		char quote = 0;
		for (int i = 0; i < command.length(); i++) {
			char c = command.charAt(i);
			if (quote == 0 && c == ' ') {
				if (word != null) {
					words.add(expand(word.toString(), exported));
					word = null;
				}
				continue;
			}
			if (word == null) {
				word = new StringBuilder();
			}
			if (quote == 0 && (c == '\'' || c == '"')) {
				quote = c;
			}
			else if (c == quote) {
				quote = 0;
			}
			else if (quote == '\'' && c == '$') {
				word.append("\\$");
			}
			else {
				word.append(c);
			}
		}
		if (word != null) {
			words.add(expand(word.toString(), exported));
		}
		return words;
	}

	private static String expand(String word, Map<String, String> exported) {
		Matcher variable = VARIABLE.matcher(word);
		StringBuilder expanded = new StringBuilder();
		while (variable.find()) {
			boolean escaped = variable.start() > 0 && word.charAt(variable.start() - 1) == '\\';
			String value = escaped ? variable.group() : exported.get(variable.group(1));
			assertThat(value).as("$" + variable.group(1) + " exported").isNotNull();
			variable.appendReplacement(expanded, Matcher.quoteReplacement(value));
		}
		variable.appendTail(expanded);
		return expanded.toString().replace("\\$", "$");
	}

}
