package io.octavia.core.tenancy.internal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import io.octavia.core.tenancy.TenantStatus;

/**
 * Stores the status in lower case, as the table's check constraint and events spell it.
 */
@Converter
class TenantStatusConverter implements AttributeConverter<TenantStatus, String> {

	@Override
	public String convertToDatabaseColumn(TenantStatus status) {
		return status.value();
	}

	@Override
	public TenantStatus convertToEntityAttribute(String value) {
		return TenantStatus.of(value);
	}

}
