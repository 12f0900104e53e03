package io.octavia.core.identity.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

import io.octavia.core.identity.PlatformRole;
import io.octavia.core.identity.UserStatus;
import io.octavia.core.platform.UserId;

/** A global user account: one per person, whatever tenants they belong to. */
@Entity
@Table(name = "user_account")
public class UserAccount {

	@Id
	@Column(name = "user_id")
	private UUID id;

	private String email;

	private String displayName;

	private @Nullable String passwordHash;

	@JdbcTypeCode(SqlTypes.ARRAY)
	private String[] platformRoles;

	private String status;

	private String locale;

	private String timeZone;

	private boolean emailVerified;

	private Instant createdAt;

	private Instant updatedAt;

	// null until first saved: tells Spring Data to persist rather than merge
	@Version
	private @Nullable Long version;

	protected UserAccount() {
		// for JPA
	}

	UserAccount(UserId id, String email, String displayName, String passwordHash, Set<PlatformRole> roles,
			Locale locale) {
		this.id = id.value();
		this.email = email;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.platformRoles = roles.stream().map(PlatformRole::value).sorted().toArray(String[]::new);
		this.status = UserStatus.ACTIVE.value();
		this.locale = locale.toLanguageTag();
		this.timeZone = "UTC";
		this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		this.updatedAt = this.createdAt;
	}

	public UserId id() {
		return new UserId(id);
	}

	public String email() {
		return email;
	}

	public String displayName() {
		return displayName;
	}

	public Set<PlatformRole> platformRoles() {
		Set<PlatformRole> roles = EnumSet.noneOf(PlatformRole.class);
		Arrays.stream(platformRoles).map(PlatformRole::of).forEach(roles::add);
		return roles;
	}

	@Nullable String passwordHash() {
		return passwordHash;
	}

	public UserStatus status() {
		return UserStatus.of(status);
	}

	public Locale locale() {
		return Locale.forLanguageTag(locale);
	}

	public Instant createdAt() {
		return createdAt;
	}

	public ZoneId timeZone() {
		return ZoneId.of(timeZone);
	}

	public boolean emailVerified() {
		return emailVerified;
	}

	void changePassword(String passwordHash) {
		this.passwordHash = passwordHash;
		touch();
	}

	void verifyEmail() {
		this.emailVerified = true;
		touch();
	}

	void changeStatus(UserStatus status) {
		this.status = status.value();
		touch();
	}

	void changeProfile(String displayName, Locale locale, ZoneId timeZone) {
		this.displayName = displayName;
		this.locale = locale.toLanguageTag();
		this.timeZone = timeZone.getId();
		touch();
	}

	private void touch() {
		this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

}
