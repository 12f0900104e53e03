package io.octavia.core.api.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.octavia.core.ledger.AccountBounds;
import io.octavia.core.ledger.AccountId;
import io.octavia.core.ledger.AccountType;
import io.octavia.core.ledger.BulkMode;
import io.octavia.core.ledger.CreateAccount;
import io.octavia.core.ledger.CreateLedger;
import io.octavia.core.ledger.CreatePeriod;
import io.octavia.core.ledger.Direction;
import io.octavia.core.ledger.EntryCondition;
import io.octavia.core.ledger.LedgerId;
import io.octavia.core.ledger.PostEntry;
import io.octavia.core.ledger.PostingLine;
import io.octavia.core.ledger.UpdateAccount;

/** The ledger API's request bodies. */
final class LedgerRequests {

	private LedgerRequests() {
	}

	record LedgerRequest(String code, String name, @Nullable List<String> currencies,
			@Nullable Map<String, Object> metadata) {

		CreateLedger toCommand() {
			return new CreateLedger(code, name, currencies, metadata);
		}

	}

	record BoundsRequest(@Nullable Boolean debitsMustNotExceedCredits, @Nullable Boolean creditsMustNotExceedDebits,
			@Nullable Long overdraftLimit) {

		AccountBounds toBounds() {
			return new AccountBounds(Boolean.TRUE.equals(debitsMustNotExceedCredits),
					Boolean.TRUE.equals(creditsMustNotExceedDebits), overdraftLimit);
		}

		static BoundsRequest of(AccountBounds bounds) {
			return new BoundsRequest(bounds.debitsMustNotExceedCredits(), bounds.creditsMustNotExceedDebits(),
					bounds.overdraftLimit());
		}

	}

	/**
	 * @param normalBalance {@code debit} or {@code credit}; null for the type's usual
	 * side
	 */
	record AccountRequest(String code, String name, AccountType type, @Nullable Direction normalBalance,
			String currency, @Nullable String category, @Nullable AccountId parentId,
			@Nullable Map<String, Object> metadata, @Nullable BoundsRequest bounds) {

		CreateAccount toCommand(LedgerId ledger) {
			return new CreateAccount(ledger, code, name, type, normalBalance, currency, category, parentId, metadata,
					(bounds != null) ? bounds.toBounds() : null);
		}

	}

	/** What may change about an account (JSON Merge Patch of this shape). */
	record AccountSettingsRequest(String name, @Nullable String category, @Nullable AccountId parentId,
			@Nullable Map<String, Object> metadata, @Nullable BoundsRequest bounds) {

		static AccountSettingsRequest of(UpdateAccount current) {
			return new AccountSettingsRequest(current.name(), current.category(), current.parentId(),
					current.metadata(), BoundsRequest.of(current.bounds()));
		}

		UpdateAccount toCommand() {
			return new UpdateAccount(name, category, parentId, metadata,
					(bounds != null) ? bounds.toBounds() : AccountBounds.NONE);
		}

	}

	/**
	 * @param amount minor units of the account's currency, more than zero
	 * @param currency optional; must be the account's
	 */
	record PostingRequest(AccountId accountId, Direction direction, @Nullable Long amount, @Nullable String currency) {
	}

	record ConditionRequest(AccountId accountId, @Nullable Long lockVersion, @Nullable Long availableAtLeast) {
	}

	/**
	 * @param timeoutSeconds for a pending entry: it voids itself this many seconds after
	 * it was recorded
	 * @param idempotencyKey stored on the entry (unique per tenant); defaults to the
	 * request's {@code Idempotency-Key} header
	 */
	record EntryRequest(List<PostingRequest> postings, @Nullable Boolean pending, @Nullable Long timeoutSeconds,
			@Nullable Instant effectiveAt, @Nullable String description, @Nullable String externalReference,
			@Nullable Map<String, Object> metadata, @Nullable String idempotencyKey,
			@Nullable List<ConditionRequest> conditions) {

		PostEntry toCommand(LedgerId ledger, @Nullable String headerKey) {
			List<PostingLine> lines = (postings != null) ? postings.stream()
				.map(p -> (p == null) ? null
						: new PostingLine(p.accountId(), p.direction(), (p.amount() != null) ? p.amount() : 0,
								p.currency()))
				.toList() : List.of();
			List<EntryCondition> entryConditions = (conditions != null) ? conditions.stream()
				.map(c -> new EntryCondition(c.accountId(), c.lockVersion(), c.availableAtLeast()))
				.toList() : List.of();
			return new PostEntry(ledger, lines, Boolean.TRUE.equals(pending),
					(timeoutSeconds != null) ? Duration.ofSeconds(timeoutSeconds) : null, effectiveAt, description,
					externalReference, metadata, (idempotencyKey != null) ? idempotencyKey : headerKey,
					entryConditions);
		}

	}

	/**
	 * @param mode {@code ATOMIC} (default) or {@code INDEPENDENT}
	 */
	record BulkRequest(List<EntryRequest> entries, @Nullable BulkMode mode) {
	}

	/**
	 * @param amounts per posting of the pending entry, in its order; null posts all
	 */
	record PostPendingRequest(@Nullable List<Long> amounts, @Nullable Instant effectiveAt, @Nullable String description,
			@Nullable Map<String, Object> metadata) {
	}

	record VoidRequest(@Nullable String description, @Nullable Map<String, Object> metadata) {
	}

	record ReversalRequest(@Nullable Instant effectiveAt, @Nullable String description,
			@Nullable Map<String, Object> metadata) {
	}

	record PeriodRequest(String name, Instant startsAt, Instant endsAt) {

		CreatePeriod toCommand(LedgerId ledger) {
			return new CreatePeriod(ledger, name, startsAt, endsAt);
		}

	}

}
