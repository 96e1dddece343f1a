package io.yuqing.core.model;

import java.util.Locale;

/**
 * The risk taxonomy. Codes are stable: they appear in config, the index, alerts, metrics and the API.
 */
public enum RiskCategory {
    WAGE_ARREARS("wage-arrears", "欠薪讨薪"),
    LABOR_DISPUTE("labor-dispute", "劳资纠纷"),
    SAFETY_ACCIDENT("safety-accident", "安全事故"),
    PRODUCT_QUALITY("product-quality", "产品质量"),
    FOOD_SAFETY("food-safety", "食品安全"),
    ENVIRONMENTAL("environmental", "环境污染"),
    FINANCIAL_DISTRESS("financial-distress", "资金链风险"),
    ILLEGAL_FUNDRAISING("illegal-fundraising", "非法集资"),
    FRAUD("fraud", "诈骗造假"),
    LITIGATION_PENALTY("litigation-penalty", "诉讼处罚"),
    EXECUTIVE_MISCONDUCT("executive-misconduct", "高管问题"),
    CONSUMER_COMPLAINT("consumer-complaint", "消费投诉"),
    RUMOR("rumor", "谣言不实信息"),
    DISCLOSURE_VIOLATION("disclosure-violation", "信披违规");

    private final String code;
    private final String label;

    RiskCategory(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }

    /** Chinese label shown to staff. */
    public String label() {
        return label;
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static RiskCategory fromCode(String code) {
        String c = code.strip().toLowerCase(Locale.ROOT);
        for (RiskCategory cat : values()) {
            if (cat.code.equals(c)) {
                return cat;
            }
        }
        throw new IllegalArgumentException("unknown risk category '" + code + "'");
    }
}
