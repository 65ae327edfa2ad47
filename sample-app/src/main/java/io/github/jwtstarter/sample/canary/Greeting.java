package io.github.jwtstarter.sample.canary;

import org.jspecify.annotations.Nullable;

/**
 * What a greeting endpoint answers: which build served the request, through which routing
 * style, and the {@code x-company} header the application saw.
 *
 * @param build {@code canary} or {@code primary}
 * @param style {@code request-mapping} or {@code router-function}
 * @param company the {@code x-company} header, {@code null} when absent
 */
record Greeting(String build, String style, @Nullable String company) {

}
