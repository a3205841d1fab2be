package com.octoacme.support.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ticketing-system API ({@code intake.*}).
 *
 * @param maxBodyBytes the largest request body accepted under /api; larger ones are answered 413
 */
@ConfigurationProperties("intake")
public record IntakeProperties(@DefaultValue("64KB") DataSize maxBodyBytes) {}
