package io.octavia.core.ledger.web;

import io.octavia.core.platform.DomainProblem;

/** The reports the consoles show, by the slug of their URL. */
public enum ReportKind {

	TRIAL_BALANCE("trial-balance", false), BALANCE_SHEET("balance-sheet", false),
	INCOME_STATEMENT("income-statement", true);

	private final String slug;

	private final boolean period;

	ReportKind(String slug, boolean period) {
		this.slug = slug;
		this.period = period;
	}

	public String slug() {
		return slug;
	}

	/** Whether it covers a period (from, to) rather than a day (as of). */
	public boolean period() {
		return period;
	}

	/** An unknown slug is a page that does not exist. */
	public static ReportKind of(String slug) {
		for (ReportKind kind : values()) {
			if (kind.slug.equals(slug)) {
				return kind;
			}
		}
		throw new DomainProblem(DomainProblem.Kind.NOT_FOUND, "not_found");
	}

}
