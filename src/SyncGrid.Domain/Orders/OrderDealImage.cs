using System.Globalization;
using System.Text;
using SyncGrid.Domain.RetailCrm;

namespace SyncGrid.Domain.Orders;

/// <summary>
/// What Bitrix24 should hold for one order's deal: title "Order No. N", amount and currency, pipeline and stage,
/// source, the manager comment (two-way), a summary of the customer comment, delivery, payment and items, the
/// responsible manager, the contact and company, and the external keys (<c>ORIGINATOR_ID</c>, <c>ORIGIN_ID</c> = the
/// RetailCRM order id). Every field is a string as Bitrix24 stores it, so a field is rewritten only when it differs
/// from what was last written.
/// </summary>
public static class OrderDealImage
{
    /// <summary>The user fields SyncGrid writes on deals.</summary>
    public const string DeliveryField = "UF_CRM_SG_DELIVERY";

    /// <summary>The payment types of the order.</summary>
    public const string PaymentField = "UF_CRM_SG_PAYMENT";

    /// <summary>The order number.</summary>
    public const string NumberField = "UF_CRM_SG_ORDER_NUMBER";

    /// <summary>The order's external id (a reference only).</summary>
    public const string ExternalIdField = "UF_CRM_SG_EXTERNAL_ID";

    /// <summary>The fields of the deal (scalar fields as text; <c>CONTACT_IDS</c> as comma-separated ids).</summary>
    public static SortedDictionary<string, string> Fields(RetailCrmOrder order, int categoryId, string stageId, int assignedById, long? contactId, long? companyId, string originator)
    {
        ArgumentNullException.ThrowIfNull(order);
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["TITLE"] = $"Order No. {order.Number}",
            ["OPPORTUNITY"] = order.TotalSumm.ToString("0.00", CultureInfo.InvariantCulture),
            ["CURRENCY_ID"] = order.Currency,
            ["CATEGORY_ID"] = categoryId.ToString(CultureInfo.InvariantCulture),
            ["STAGE_ID"] = stageId,
            ["SOURCE_ID"] = SourceOf(order.OrderMethod),
            ["SOURCE_DESCRIPTION"] = $"RetailCRM {order.Site}, {order.OrderMethod ?? "order"}",
            ["COMMENTS"] = order.ManagerComment ?? string.Empty,
            ["ADDITIONAL_INFO"] = Summary(order),
            ["ASSIGNED_BY_ID"] = assignedById.ToString(CultureInfo.InvariantCulture),
            ["ORIGINATOR_ID"] = originator,
            ["ORIGIN_ID"] = order.Id.ToString(CultureInfo.InvariantCulture),
            [DeliveryField] = order.DeliveryCode ?? string.Empty,
            [PaymentField] = string.Join(", ", order.Payments.Select(p => p.Type).OfType<string>().Distinct()),
            [NumberField] = order.Number,
            [ExternalIdField] = order.ExternalId ?? string.Empty,
        };
        if (contactId is { } contact)
        {
            fields["CONTACT_IDS"] = contact.ToString(CultureInfo.InvariantCulture);
        }

        if (companyId is { } company)
        {
            fields["COMPANY_ID"] = company.ToString(CultureInfo.InvariantCulture);
        }

        return fields;
    }

    /// <summary>Bitrix24's <c>SOURCE</c> dictionary entry for a RetailCRM order method.</summary>
    public static string SourceOf(string? orderMethod) => orderMethod switch
    {
        "phone" or "call-request" => "CALL",
        "shopping-cart" or "one-click" or "landing-page" or "mobile-app" => "WEB",
        "e-mail" or "email" => "EMAIL",
        _ => "OTHER",
    };

    /// <summary>The customer comment, delivery, payment and items as text (the deal's additional information).</summary>
    public static string Summary(RetailCrmOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"Order No. {order.Number} (RetailCRM id {order.Id}");
        if (order.ExternalId is not null)
        {
            text.Append(c, $", external id {order.ExternalId}");
        }

        text.Append(c, $"), site {order.Site}").AppendLine();
        if (order.CustomerComment is { Length: > 0 } comment)
        {
            text.Append("Customer comment: ").AppendLine(comment);
        }

        text.Append(c, $"Delivery: {order.DeliveryCode ?? "none"}, {order.DeliveryCost.ToString("0.00", c)} {order.Currency}");
        if (order.DeliveryAddress is { Length: > 0 } address)
        {
            text.Append(", ").Append(address);
        }

        text.AppendLine();
        foreach (var payment in order.Payments)
        {
            text.Append(c, $"Payment: {payment.Type ?? "unknown"} ({payment.Status ?? "unknown"}), {payment.Amount.ToString("0.00", c)} {order.Currency}").AppendLine();
        }

        text.AppendLine("Items:");
        foreach (var item in order.Items)
        {
            text.Append(c, $"- {item.ProductName} × {item.Quantity.ToString("0.###", c)} = {item.LineTotal.ToString("0.00", c)}").AppendLine();
        }

        text.Append(c, $"Total: {order.TotalSumm.ToString("0.00", c)} {order.Currency}");
        return text.ToString();
    }
}
