package io.github.jwtstarter.sample.canary;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.jwtstarter.sample.SampleApplication;
import io.github.jwtstarter.sample.demo.DemoModeInitializer;
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
 * The canary guide as a reader runs it: the sample application started like
 * {@code spring-boot:run -Dspring-boot.run.profiles=canary} (demo mode, canary profile),
 * the tokens taken from the printed banner, and the printed requests sent over HTTP.
 */
@ExtendWith(OutputCaptureExtension.class)
class CanaryDemoModeTests {

	@Test
	void bannerTokensRouteToCanaryAndPrimary(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.initializers(new DemoModeInitializer())
			.profiles("canary")
			.properties("server.port=0")
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String solo = exported(output, "SOLO_TOKEN");
			String corp = exported(output, "CORP_TOKEN");
			String partner = exported(output, "PARTNER_TOKEN");
			assertThat(output.getOut()).contains("/api/greeting/fn")
				.contains("# 401: no token (the sample's policy is require-valid)");
			assertThat(get(port, "/api/greeting", solo)).contains("\"build\":\"canary\"");
			assertThat(get(port, "/api/greeting", corp)).contains("\"build\":\"primary\"");
			assertThat(get(port, "/api/greeting", corp, "x-company", "solo.io")).contains("\"build\":\"primary\"");
			assertThat(get(port, "/api/greeting/fn", solo)).contains("\"build\":\"canary\"");
			assertThat(get(port, "/api/greeting/fn", partner)).contains("\"build\":\"primary\"");
		}
	}

	static String exported(CapturedOutput output, String name) {
		Matcher matcher = Pattern.compile("export " + name + "='([^']+)'").matcher(output.getOut());
		assertThat(matcher.find()).as(name + " in the banner").isTrue();
		return matcher.group(1);
	}

	static String get(int port, String path, String token, String... headers) throws Exception {
		String[] all = new String[headers.length + 2];
		all[0] = "Authorization";
		all[1] = "Bearer " + token;
		System.arraycopy(headers, 0, all, 2, headers.length);
		HttpResponse<String> response = new TestHttp(port).getWithHeaders(path, all);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

}
