using FluentAssertions;
using Microsoft.Extensions.Logging.Testing;

namespace CorsKit.TestKit;

/// <summary>Reading CorsKit's log records from the framework's <see cref="FakeLogCollector"/>, by named event id.</summary>
public static class LogRecords
{
    /// <summary>The log category CorsKit writes to.</summary>
    public const string CorsKitCategory = "CorsKit";

    /// <summary>Every record of a category so far.</summary>
    /// <param name="logs">The collector.</param>
    /// <param name="category">The category.</param>
    /// <returns>The records, oldest first.</returns>
    public static IReadOnlyList<FakeLogRecord> From(this FakeLogCollector logs, string category) =>
        [.. logs.GetSnapshot().Where(record => record.Category == category)];

    /// <summary>CorsKit's records with one event id (a <see cref="CorsKitEvents"/> constant).</summary>
    /// <param name="logs">The collector.</param>
    /// <param name="eventId">The event id.</param>
    /// <returns>The records.</returns>
    public static IReadOnlyList<FakeLogRecord> CorsKitEvents(this FakeLogCollector logs, int eventId) =>
        [.. logs.From(CorsKitCategory).Where(record => record.Id.Id == eventId)];

    /// <summary>The single CorsKit record with that event id (fails otherwise).</summary>
    /// <param name="logs">The collector.</param>
    /// <param name="eventId">The event id.</param>
    /// <returns>The record.</returns>
    public static FakeLogRecord SingleCorsKitEvent(this FakeLogCollector logs, int eventId) =>
        logs.CorsKitEvents(eventId).Should().ContainSingle($"CorsKit event {eventId} is logged once").Subject;

    /// <summary>A structured value of a record (the message template's placeholder).</summary>
    /// <param name="record">The record.</param>
    /// <param name="name">The placeholder name.</param>
    /// <returns>The value.</returns>
    public static string? Field(this FakeLogRecord record, string name) => record.GetStructuredStateValue(name);
}
