package io.github.jwtstarter.web;

/**
 * {@link RedisReplayStoreHttpTests} on the servlet stack (Spring MVC on Tomcat).
 */
class ServletRedisReplayStoreHttpTests extends RedisReplayStoreHttpTests {

	@Override
	String webApplicationType() {
		return "servlet";
	}

}
