package io.github.jwtstarter.sample;

/**
 * A pet of the sample API.
 *
 * @param id the id, assigned by the server
 * @param name the name
 * @param kind the kind of animal, e.g. {@code dog}
 */
record Pet(long id, String name, String kind) {

}
