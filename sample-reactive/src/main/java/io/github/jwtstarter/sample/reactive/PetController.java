package io.github.jwtstarter.sample.reactive;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * An in-memory pets API. Reading needs any valid token; adding a pet needs the
 * {@code pets.write} scope (reactive method security on a {@code Mono}-returning method).
 */
@RestController
@RequestMapping("/api/pets")
class PetController {

	private final AtomicLong ids = new AtomicLong();

	private final Map<Long, Pet> pets = new ConcurrentSkipListMap<>();

	PetController() {
		add("Fido", "dog");
		add("Tom", "cat");
	}

	@GetMapping
	List<Pet> list() {
		return List.copyOf(this.pets.values());
	}

	@GetMapping("/{id}")
	Pet get(@PathVariable long id) {
		Pet pet = this.pets.get(id);
		if (pet == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no pet " + id);
		}
		return pet;
	}

	@PostMapping
	@PreAuthorize("hasAuthority('SCOPE_pets.write')")
	Mono<ResponseEntity<Pet>> create(@RequestBody NewPet request) {
		if (!hasText(request.name()) || !hasText(request.kind())) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "name and kind are required"));
		}
		Pet pet = add(request.name(), request.kind());
		return Mono.just(ResponseEntity.created(URI.create("/api/pets/" + pet.id())).body(pet));
	}

	private Pet add(String name, String kind) {
		Pet pet = new Pet(this.ids.incrementAndGet(), name, kind);
		this.pets.put(pet.id(), pet);
		return pet;
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	record Pet(long id, String name, String kind) {
	}

	record NewPet(@Nullable String name, @Nullable String kind) {
	}

}
