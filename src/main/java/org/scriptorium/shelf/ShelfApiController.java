package org.scriptorium.shelf;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.scriptorium.account.AccountPrincipal;
import org.scriptorium.common.Rejected;
import org.scriptorium.common.Rejects;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's shelf in the JSON API: favourites, reading history, downloads. Always the caller's own. */
@RestController
@RequestMapping("/api/v1/me")
class ShelfApiController {

    private final Shelf shelf;

    ShelfApiController(Shelf shelf) {
        this.shelf = shelf;
    }

    @Operation(summary = "The caller's favourites, newest first", description = "A material the caller may no longer "
            + "see is listed with `available: false` and no title.")
    @GetMapping("/favourites")
    List<Shelf.Favourite> favourites(@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return shelf.favourites(currentUser(), limit);
    }

    @Operation(summary = "Keep a material among the caller's favourites", description = "Idempotent: a favourite "
            + "already kept keeps its first time.")
    @Rejects(status = 404, codes = "MATERIAL_NOT_FOUND")
    @Rejects(status = 422, codes = "FAVOURITES_FULL")
    @PutMapping("/favourites/{materialId}")
    Shelf.Favourite favourite(@PathVariable String materialId) {
        return shelf.favourite(currentUser(), materialId);
    }

    @Operation(summary = "Take a material off the caller's favourites", description = "Idempotent.")
    @DeleteMapping("/favourites/{materialId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unfavourite(@PathVariable String materialId) {
        shelf.unfavourite(currentUser(), materialId);
    }

    @Operation(summary = "The materials the caller opened, last opened first", description = "One entry per material "
            + "with the last time its reading page was opened; the newest 200 are kept.")
    @GetMapping("/history")
    List<Shelf.Opened> history(@RequestParam(defaultValue = "200") @Min(1) @Max(200) int limit) {
        return shelf.history(currentUser(), limit);
    }

    @Operation(summary = "Clear the caller's reading history")
    @DeleteMapping("/history")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clearHistory() {
        shelf.clearHistory(currentUser());
    }

    @Operation(summary = "The files the caller downloaded, newest first", description = "From the delivery ledger: "
            + "`format` txt, docx or pdf, the revision and the time of each download.")
    @GetMapping("/downloads")
    List<Shelf.Downloaded> downloads(@RequestParam(defaultValue = "100") @Min(1) @Max(200) int limit) {
        return shelf.downloads(currentUser(), limit);
    }

    private static String currentUser() {
        return AccountPrincipal.currentUserId().orElseThrow(
                () -> new Rejected(401, "NOT_SIGNED_IN", "请先登录。", "Sign in first."));
    }
}
