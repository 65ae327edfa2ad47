package io.github.jwtstarter.web;

/**
 * {@link RedisReplayStoreHttpTests} on the reactive stack (WebFlux on Netty), where the
 * store is asked through the reactive template without blocking the event loop.
 */
class ReactiveRedisReplayStoreHttpTests extends RedisReplayStoreHttpTests {

	@Override
	String webApplicationType() {
		return "reactive";
	}

}
