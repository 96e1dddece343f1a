package io.yuqing.indexer.model;

import io.yuqing.core.model.RiskCategory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * FinESE event types (BBT-FinCUGE financial event subject extraction) mapped to our {@link RiskCategory} codes, so the
 * category classifier can learn from an independent annotation and the lexicon's categories can be measured against
 * it (it lives with the model, not the evaluation, because {@code yuqing train} needs it). The same table, with
 * reasons, is in {@code indexer/FINESE-MAPPING.md}. Principles:
 * <ul>
 *   <li>an event type maps to the category a reviewer would file the news under; where our lexicon already files
 *       the vocabulary of that event somewhere (违规减持, 内幕交易 under disclosure-violation; 传销 under
 *       illegal-fundraising; 跑路, 提现困难 under financial-distress), the mapping follows the lexicon;</li>
 *   <li>events that are not in themselves a risk to an enterprise's standing (a change of controlling
 *       shareholder, a rating change up or down, a failed restructuring) and 其他 map to no category.</li>
 * </ul>
 */
public final class FinEseMapping {
    private static final Map<String, RiskCategory> MAPPING = new LinkedHashMap<>();

    static {
        MAPPING.put("信批违规", RiskCategory.DISCLOSURE_VIOLATION);
        MAPPING.put("交易违规", RiskCategory.DISCLOSURE_VIOLATION);
        MAPPING.put("涉嫌非法集资", RiskCategory.ILLEGAL_FUNDRAISING);
        MAPPING.put("涉嫌传销", RiskCategory.ILLEGAL_FUNDRAISING);
        MAPPING.put("不能履职", RiskCategory.EXECUTIVE_MISCONDUCT);
        MAPPING.put("高管负面", RiskCategory.EXECUTIVE_MISCONDUCT);
        MAPPING.put("业绩下滑", RiskCategory.FINANCIAL_DISTRESS);
        MAPPING.put("资金账户风险", RiskCategory.FINANCIAL_DISTRESS);
        MAPPING.put("资产负面", RiskCategory.FINANCIAL_DISTRESS);
        MAPPING.put("提现困难", RiskCategory.FINANCIAL_DISTRESS);
        MAPPING.put("失联跑路", RiskCategory.FINANCIAL_DISTRESS);
        MAPPING.put("歇业停业", RiskCategory.FINANCIAL_DISTRESS);
        MAPPING.put("涉嫌违法", RiskCategory.LITIGATION_PENALTY);
        MAPPING.put("财务造假", RiskCategory.FRAUD);
        MAPPING.put("涉嫌欺诈", RiskCategory.FRAUD);
        MAPPING.put("投诉维权", RiskCategory.CONSUMER_COMPLAINT);
        MAPPING.put("产品违规", RiskCategory.PRODUCT_QUALITY);
        MAPPING.put("实控人股东变更", null);
        MAPPING.put("评级调整", null);
        MAPPING.put("重组失败", null);
        MAPPING.put("公司股市异常", null);
        MAPPING.put("其他", null);
    }

    private FinEseMapping() {
    }

    /** The category of an event type; empty for types mapped to none. An unknown type fails loudly. */
    public static Optional<RiskCategory> categoryOf(String eventType) {
        String t = eventType.strip();
        if (!MAPPING.containsKey(t)) {
            throw new IllegalArgumentException("unknown FinESE event type '" + eventType + "'");
        }
        return Optional.ofNullable(MAPPING.get(t));
    }

    /** Every event type and its category (null for none), in table order. */
    public static Map<String, RiskCategory> table() {
        return java.util.Collections.unmodifiableMap(MAPPING);
    }
}
