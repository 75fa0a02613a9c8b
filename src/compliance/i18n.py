"""User-facing text in Chinese (default) and English: the message catalogue, the labels of each vocabulary
(severities, stages, next steps, letters), clause references and punctuation.

`t(key, lang, **values)` renders one message; `label(vocabulary, term, lang)` names a term; `clause_ref` cites a
clause. Keys are stable identifiers used by tests and code; no other module chooses words by language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

Lang = str  # "zh" | "en" (vocabulary.LANGS)

# The label of every term of each vocabulary in `vocabulary.VOCABULARIES` (a test keeps them in step).
LABELS: dict[str, dict[str, dict[str, str]]] = {
    "severity": {
        "violation": {"zh": "违规", "en": "violation"},
        "warning": {"zh": "警告", "en": "warning"},
        "advice": {"zh": "建议", "en": "advice"},
    },
    "stage": {
        "normal": {"zh": "正常", "en": "normal"},
        "interview": {"zh": "已约谈", "en": "interviewed"},
        "rectification": {"zh": "责令限期整改中", "en": "under a rectification order"},
        "prereview_failed": {"zh": "年度工作报告前置审查不通过", "en": "failed the annual-report pre-review"},
        "revoked": {"zh": "已撤销团体会员资格", "en": "membership revoked"},
    },
    "next": {  # the recommended next step, in full
        "none": {"zh": "无需采取监管措施", "en": "no supervisory step needed"},
        "interview": {"zh": "建议对主要负责人进行工作约谈", "en": "interview the principal leaders"},
        "rectification": {"zh": "建议责令限期整改", "en": "order rectification with a deadline"},
        "prereview": {"zh": "建议给予年度工作报告前置审查不通过处理", "en": "fail the annual-report pre-review"},
        "revocation": {"zh": "建议按规定撤销团体会员资格", "en": "propose revoking the group membership"},
        "follow_up": {"zh": "继续跟踪约谈所提问题的整改（观察期为推断）",
                      "en": "follow up the problems raised at the interview (the follow-up period is an inference)"},
        "await_deadline": {"zh": "整改期限未到，督促按期整改", "en": "rectification deadline not reached: keep monitoring"},
        "close": {"zh": "所列问题已解决或已有明显改进，可结束本次监管、恢复正常管理",
                  "en": "the cited problems are resolved or markedly improved: close the episode, back to normal supervision"},
        "continue": {"zh": "督促继续整改，下一年度继续前置审查", "en": "keep pressing for rectification; pre-review again next year"},
    },
    "step": {  # the same, short (table cells, chart labels)
        "none": {"zh": "—", "en": "—"},
        "interview": {"zh": "约谈", "en": "interview"},
        "rectification": {"zh": "责令限期整改", "en": "rectification"},
        "prereview": {"zh": "前置审查不通过", "en": "fail pre-review"},
        "revocation": {"zh": "撤销团体会员资格", "en": "revocation"},
        "follow_up": {"zh": "跟踪整改", "en": "follow up"},
        "await_deadline": {"zh": "等待整改期满", "en": "await deadline"},
        "close": {"zh": "恢复正常", "en": "close"},
        "continue": {"zh": "继续整改", "en": "continue"},
    },
    "letter": {
        "interview": {"zh": "约谈通知", "en": "interview notice"},
        "rectification": {"zh": "限期整改通知书", "en": "rectification order"},
        "prereview": {"zh": "年度工作报告前置审查不通过的通知", "en": "notice of the failed annual-report pre-review"},
        "revocation": {"zh": "撤销团体会员资格的决定", "en": "decision to revoke the group membership"},
    },
    "classification": {  # how a clause of the policy is checked (rules/coverage.yaml)
        "mandatory": {"zh": "强制性要求（必须、不得、要、应当）", "en": "mandatory (must, must not, shall)"},
        "advice": {"zh": "倡导性要求（鼓励、支持、提倡、争取）", "en": "encouraged (encourage, support, strive)"},
        "mixed": {"zh": "强制性与倡导性兼有", "en": "mandatory and encouraged"},
        "not-checkable": {"zh": "无法从档案核查", "en": "not checkable from a record"},
    },
    "rule_class": {  # what kind of requirement a rule enforces
        "prohibition": {"zh": "禁止性要求（不得豁免）", "en": "prohibition (never waivable)"},
        "political": {"zh": "政治性要求：党的组织和领导（不得豁免）", "en": "political: party organisation and leadership (never waivable)"},
        "obligation": {"zh": "义务性要求", "en": "obligation"},
        "recommendation": {"zh": "倡导性要求（鼓励、支持、争取、提倡）", "en": "recommendation"},
    },
    "weight": {  # a rule's category on the escalation ladder of item 7 (vocabulary.WEIGHTS)
        "irregular_governance": {"zh": "内部治理不规范（→ 约谈）", "en": "irregular internal governance (→ interview)"},
        "lacking_vitality": {"zh": "活力不足（→ 约谈）", "en": "lacking vitality (→ interview)"},
        "poor_performance": {"zh": "履职不力（→ 责令限期整改）", "en": "poor performance of duties (→ rectification)"},
        "lax_organisation": {"zh": "组织涣散（→ 责令限期整改）", "en": "lax organisation (→ rectification)"},
        "revocation_grades": {"zh": "连续两年C等次（→ 撤销）", "en": "grade C two years running (→ revocation)"},
        "revocation_inactive": {"zh": "长期不开展活动、情节严重（→ 撤销）", "en": "long inactive, serious (→ revocation)"},
        "none": {"zh": "不属于第7条的情形", "en": "no item-7 category"},
    },
    "episode": {  # what opened the supervisory episode in progress
        "interview": {"zh": "约谈", "en": "interview"},
        "order": {"zh": "责令限期整改", "en": "rectification order"},
        "prereview": {"zh": "前置审查不通过", "en": "failed pre-review"},
    },
    "cited_status": {
        "resolved": {"zh": "已解决", "en": "resolved"},
        "remaining": {"zh": "仍存在", "en": "remaining"},
    },
    "flag": {  # what the ladder reports beside its step
        "study_seriousness": {"zh": "提请研究是否情节严重", "en": "for the association to decide whether the case is serious"},
        "determination_unmet": {"zh": "已认定情节严重，但撤销条件不成立", "en": "determined serious, but the revocation conditions do not hold"},
        "determination_early": {"zh": "情节严重认定早于撤销条件成立", "en": "the seriousness determination predates the conditions"},
        "escalation_inferred": {"zh": "约谈后转入责令限期整改（推断）", "en": "rectification after an interview (an inference)"},
        "followup_inferred": {"zh": "约谈观察期（推断）", "en": "follow-up period after an interview (an inference)"},
        "order_unmet": {"zh": "未按期达到整改要求", "en": "rectification order not met by its deadline"},
        "report_missing": {"zh": "未按期报送整改报告", "en": "no rectification report by the deadline"},
        "report_late": {"zh": "整改报告逾期报送", "en": "rectification report submitted late"},
        "report_no_evidence": {"zh": "整改报告未附证明材料", "en": "rectification report without evidence"},
        "cites_nothing": {"zh": "通知未列具体问题", "en": "the notice cites no specific problem"},
    },
    "op": {  # rule condition operators, as `rules show` reads them
        "==": {"zh": "等于", "en": "=="}, "!=": {"zh": "不等于", "en": "!="}, ">": {"zh": "大于", "en": ">"},
        ">=": {"zh": "不小于", "en": ">="}, "<": {"zh": "小于", "en": "<"}, "<=": {"zh": "不大于", "en": "<="},
        "in": {"zh": "属于", "en": "in"}, "not_in": {"zh": "不属于", "en": "not_in"},
        "exists": {"zh": "有值", "en": "exists"}, "missing": {"zh": "无值", "en": "missing"},
        "matches": {"zh": "匹配", "en": "matches"},
    },
}

CATALOG: dict[str, dict[str, str]] = {
    # loading
    "file_missing": {"zh": "文件不存在", "en": "file does not exist"},
    "file_unreadable": {"zh": "无法读取文件：{reason}", "en": "cannot read the file: {reason}"},
    "not_a_file": {"zh": "不是普通文件", "en": "not a regular file"},
    "too_large": {
        "zh": "文件过大（{size} 字节，上限 {limit} 字节）",
        "en": "file too large ({size} bytes, limit {limit} bytes)",
    },
    "empty": {"zh": "文件为空，没有档案内容", "en": "the file is empty: no profile in it"},
    "binary": {"zh": "文件含 NUL 字节，不是文本文件", "en": "the file contains NUL bytes: not a text file"},
    "workbook": {
        "zh": "这是 Excel 工作簿，不是 YAML 档案：工作簿请用 compliance import 文件.xlsx -o 档案.yaml 转成档案后再检查",
        "en": "this is an Excel workbook, not a YAML profile: turn a workbook into a profile with "
              "compliance import FILE.xlsx -o PROFILE.yaml, then check that",
    },
    "encoding_gb": {
        "zh": "文件不是 UTF-8 编码，看起来是 {encoding}；请另存为 UTF-8 后再检查",
        "en": "the file is not UTF-8; it looks like {encoding}. Save it as UTF-8 and check again",
    },
    "encoding_unknown": {
        "zh": "文件不是 UTF-8 编码（第 {offset} 字节无法解码）",
        "en": "the file is not UTF-8 (byte {offset} cannot be decoded)",
    },
    "yaml_syntax": {"zh": "YAML 语法错误：{problem_zh}", "en": "YAML syntax error: {problem}"},
    "yaml_tab": {
        "zh": "YAML 语法错误：不能用制表符（Tab）缩进，请改用空格",
        "en": "YAML syntax error: tabs cannot be used for indentation, use spaces",
    },
    "duplicate_key": {
        "zh": "重复的键 “{key}”（第一次出现在第 {first} 行）",
        "en": "duplicate key '{key}' (first seen on line {first})",
    },
    "multiple_documents": {
        "zh": "一个文件只能有一个档案（YAML 文档），发现多个",
        "en": "one file holds one profile (YAML document); found several",
    },
    "too_deep": {"zh": "嵌套层次过深（上限 {limit} 层）", "en": "nesting too deep (limit {limit} levels)"},
    "alias_bomb": {
        "zh": "别名（alias）展开过多（超过 {limit} 个节点），拒绝处理",
        "en": "aliases expand to too many nodes (more than {limit}); refused",
    },
    "not_mapping": {
        "zh": "档案顶层必须是键值映射（mapping），实际是 {kind}",
        "en": "the top level of a profile must be a mapping, found {kind}",
    },
    "bad_key": {"zh": "键必须是文本，实际是 {kind}", "en": "keys must be text, found {kind}"},
    "bad_scalar": {
        "zh": "无法按标签 !!{tag} 读取取值 {value}",
        "en": "the value {value} cannot be read as !!{tag}",
    },
    "fullwidth_colon": {
        "zh": "“{key}” 后面是全角冒号 “：”，应使用半角冒号 :（冒号后再加一个空格）",
        "en": "'{key}' is followed by the full-width colon '：'; use the ASCII colon : (and a space after it)",
    },
    "number_too_long": {
        "zh": "数字超过 {limit} 位，拒绝读取",
        "en": "a number with more than {limit} digits; refused",
    },
    # validation
    # the field an error is about, before its message: the (Chinese) title in Chinese, the path alone in English
    "field_titled": {"zh": "{path}（{title}）：", "en": "{path}: "},
    "field_path": {"zh": "{path}: ", "en": "{path}: "},
    "v_missing": {"zh": "缺少必填字段", "en": "required field is missing"},
    "v_to_fill": {"zh": "待填写：此项不能为空", "en": "to be filled in: this field cannot be empty"},
    "v_extra": {"zh": "未知字段（拼写错误？）", "en": "unknown field (a typo?)"},
    "v_extra_near": {"zh": "未知字段，是否应为 “{near}”？", "en": "unknown field; did you mean '{near}'?"},
    "v_extra_title": {
        "zh": "未知字段：字段名要用英文，是否应为 “{near}”（{title}）？",
        "en": "unknown field: field names are in English; did you mean '{near}' ({title})?",
    },
    "v_extra_english": {
        "zh": "未知字段：字段名要用英文（见 compliance schema 或档案示例）",
        "en": "unknown field: field names are in English (see compliance schema or a sample profile)",
    },
    "v_type": {"zh": "类型错误：应为{expected}，实际是 {actual}", "en": "wrong type: expected {expected_en}, found {actual}"},
    "v_choice": {
        "zh": "取值无效：应为 {expected} 之一，实际是 {actual}{hint}",
        "en": "invalid value: expected one of {expected}, found {actual}{hint}",
    },
    "v_bool_chinese": {
        "zh": "类型错误：应为 true 或 false，实际是 {actual}（是/否 请写作 true/false）",
        "en": "wrong type: expected true or false, found {actual} (write yes/no as true/false)",
    },
    "v_ge": {"zh": "数值应不小于 {limit}，实际是 {actual}", "en": "must be at least {limit}, found {actual}"},
    "v_le": {"zh": "数值应不大于 {limit}，实际是 {actual}", "en": "must be at most {limit}, found {actual}"},
    "v_too_short": {"zh": "至少需要 {limit} 项", "en": "needs at least {limit} item(s)"},
    "v_pattern": {"zh": "格式不正确：{actual}", "en": "malformed value: {actual}"},
    "v_date": {"zh": "日期无效：应为 YYYY-MM-DD，实际是 {actual}", "en": "invalid date: expected YYYY-MM-DD, found {actual}"},
    "v_date_written": {
        "zh": "日期写法不对：{actual} 应写作 {iso}（年-月-日，用半角短横线，月和日写两位）",
        "en": "dates are written YYYY-MM-DD: {actual} should be {iso}",
    },
    "v_date_day": {
        "zh": "日期不存在：{year}年{month}月没有{day}日（该月只有 {last} 天），实际是 {actual}",
        "en": "no such date: {actual} (month {month} of {year} has {last} days)",
    },
    "v_date_month": {
        "zh": "日期不存在：月份应为 1 至 12，实际是 {month}（{actual}）",
        "en": "no such date: months are 1 to 12, found {month} ({actual})",
    },
    "v_other": {"zh": "取值无效：{detail}", "en": "invalid value: {detail}"},
    "v_date_future": {
        "zh": "日期 {actual} 晚于今天（{today}），不可能已经发生",
        "en": "date {actual} is after today ({today}): it cannot have happened yet",
    },
    "v_birth_after_term_start": {
        "zh": "出生日期 {actual} 不早于本届理事会起始日期 {registered}，不可能",
        "en": "birth date {actual} is not before the council term began ({registered}): impossible",
    },
    "v_deadline_before_order": {
        "zh": "整改期限 {actual} 早于通知日期 {date}",
        "en": "deadline {actual} is before the order itself ({date})",
    },
    "v_end_before_start": {"zh": "结束日期 {actual} 早于开始日期 {start}", "en": "end date {actual} is before the start {start}"},
    "v_term_end_before_start": {
        "zh": "届满日期 {actual} 早于本届起始日期 {start}",
        "en": "term end {actual} is before the term start {start}",
    },
    "v_expiry_before_award": {
        "zh": "有效期 {actual} 早于评定日期 {start}",
        "en": "expiry {actual} is before the award date {start}",
    },
    "v_duplicate_year": {"zh": "年度 {actual} 重复出现", "en": "year {actual} appears twice"},
    "v_year_future": {
        "zh": "年度 {actual} 晚于今年（今天是 {today}），不可能已经发生",
        "en": "year {actual} is after this year (today is {today}): it cannot have happened yet",
    },
    "asof_not_yet": {
        "zh": "{actual} 晚于检查基准日 {as_of}：基准日时还不存在，无从审查",
        "en": "{actual} is after the as-of date {as_of}: it did not exist yet on that day, nothing to audit",
    },
    "asof_none_yet": {
        "zh": "检查基准日 {as_of} 之前没有任何一项记录（最早的一项：{first}），无从审查",
        "en": "no entry up to the as-of date {as_of} (the earliest: {first}): nothing to audit",
    },
    "unknown_choice": {
        "zh": "{option} {value}：没有这一项{hint}；可用：{allowed}",
        "en": "{option} {value}: no such value{hint}; use one of: {allowed}",
    },
    "unknown_rule_option": {
        "zh": "{option} {value}：没有这条规则{hint}（全部规则见 compliance rules list）",
        "en": "{option} {value}: no such rule{hint} (see compliance rules list)",
    },
    "unknown_society": {
        "zh": "--society {value}：本次审查的档案中没有这个学会编号{hint}",
        "en": "--society {value}: no profile of this audit has that society id{hint}",
    },
    "due_within_negative": {"zh": "--due-within {value}：天数不能为负", "en": "--due-within {value}: days cannot be negative"},
    "worklist_note": {
        "zh": "工作清单：显示 {shown} 个学会（共审查 {total} 个）",
        "en": "work list: {shown} of {total} audited societies shown",
    },
    "report_not_json": {"zh": "不是 JSON：{detail}", "en": "not JSON: {detail}"},
    "compare_not_report": {
        "zh": "compare 比较的是 compliance audit -f json 写出的审查报告",
        "en": "compare reads the audit reports written by compliance audit -f json",
    },
    "compare_title": {"zh": "年度对比：基准日 {last} → {this}", "en": "Year over year: as of {last} → {this}"},
    "compare_files": {"zh": "上次：{last}；本次：{this}", "en": "last: {last}; this: {this}"},
    "compare_totals": {
        "zh": "学会 {societies_last} → {societies_this} 个（新增 {added}，不再出现 {gone}）；发现 {findings_last} → {findings_this} 项："
              "新出现 {new}，已整改 {resolved}，仍存在 {persisting}；监管阶段变化的学会 {stage_changes} 个",
        "en": "societies {societies_last} → {societies_this} ({added} added, {gone} gone); findings {findings_last} → "
              "{findings_this}: {new} new, {resolved} resolved, {persisting} persisting; {stage_changes} stage change(s)",
    },
    "col_new": {"zh": "新出现", "en": "new"},
    "col_resolved": {"zh": "已整改", "en": "resolved"},
    "col_persisting": {"zh": "仍存在", "en": "persisting"},
    "col_stage_change": {"zh": "监管阶段（上次 → 本次）", "en": "stage (last → this)"},
    "col_last": {"zh": "上次", "en": "last"},
    "col_this": {"zh": "本次", "en": "this"},
    "col_change": {"zh": "增减", "en": "change"},
    "presence_added": {"zh": "新增学会", "en": "added"},
    "presence_gone": {"zh": "不再出现", "en": "gone"},
    "not_compared": {"zh": "有一次档案无效，发现无法比较", "en": "invalid in one report: findings not compared"},
    "compare_by_clause": {"zh": "各条款发现数（上次／本次）", "en": "Findings by item (last / this)"},
    "compare_societies": {"zh": "各学会的变化", "en": "Changes by society"},
    "bad_today": {
        "zh": "环境变量 {name}＝{value}：应为 1900-01-01 至 2100-12-31 之间的日期 YYYY-MM-DD",
        "en": "environment variable {name}={value}: expected a date YYYY-MM-DD between 1900-01-01 and 2100-12-31",
    },
    "v_expiry_before_approval": {
        "zh": "失效日期 {actual} 早于批准日期 {start}",
        "en": "expiry {actual} is before the approval date {start}",
    },
    "v_date_range": {
        "zh": "日期应在 {first} 至 {last} 之间，实际是 {actual}",
        "en": "dates lie between {first} and {last}, found {actual}",
    },
    "v_not_finite": {"zh": "数值必须是有限的数，实际是 {actual}", "en": "must be a finite number, found {actual}"},
    "v_decimals": {
        "zh": "金额最多 {places} 位小数（精确到分），实际是 {actual}",
        "en": "amounts have at most {places} decimals (fen), found {actual}",
    },
    "v_number_text": {
        "zh": "应为{expected}，实际是文本 {actual}：数字请直接按十进制书写，不加引号，不用前导零、下划线、冒号、千分位逗号或 0x/0o 前缀",
        "en": "expected {expected_en}, found the text {actual}: write numbers in plain decimal, without quotes, "
              "leading zeros, underscores, colons, thousands separators or 0x/0o prefixes",
    },
    "v_hidden_char": {
        "zh": "含有不可见的控制字符 {char}（终端转义、双向文本控制等），请删除：{actual}",
        "en": "contains the hidden control character {char} (terminal escape, bidi control, …); remove it: {actual}",
    },
    "v_line_break": {
        "zh": "此字段只能写一行，不能含换行、回车或制表符（{char}）：{actual}",
        "en": "this field is one line: no line break, carriage return or tab ({char}): {actual}",
    },
    "v_blank": {"zh": "不能为空白", "en": "must not be blank"},
    "v_total_too_large": {
        "zh": "合计 {total} 元超过上限 {limit} 元",
        "en": "the total {total} yuan exceeds the limit of {limit} yuan",
    },
    "v_award_as_activity": {
        "zh": "评比达标表彰不是活动类型：请记入 awards（评比达标表彰，写明批准文号和收费），以适用评比表彰的各项检查",
        "en": "an award is not an activity kind: record it under awards (with its approval and fees) so the award checks apply",
    },
    "v_field_not_for_kind": {
        "zh": "{field} 只用于类型为 {kinds} 的监管记录，这一条的类型是 {kind}",
        "en": "{field} belongs to oversight entries of kind {kinds} only; this one is {kind}",
    },
    "v_kind_needs": {
        "zh": "类型为 {kind} 的监管记录须写明 {fields}（谁认定、依据什么）",
        "en": "an oversight entry of kind {kind} must state {fields} (who determined it, on what grounds)",
    },
    "v_count_exceeds_size": {
        "zh": "{field} 为 {count}，超过上届理事人数 {size}",
        "en": "{field} is {count}, more than the previous council's {size} members",
    },
    # type names
    "type_str": {"zh": "文本", "en": "text"},
    "type_int": {"zh": "整数", "en": "an integer"},
    "type_float": {"zh": "数字", "en": "a number"},
    "type_bool": {"zh": "true 或 false", "en": "true or false"},
    "type_date": {"zh": "日期（YYYY-MM-DD）", "en": "a date (YYYY-MM-DD)"},
    "type_list": {"zh": "列表", "en": "a list"},
    "type_dict": {"zh": "键值映射", "en": "a mapping"},
    "type_null": {"zh": "空值", "en": "null"},
    # cli
    "no_files": {"zh": "没有找到 YAML 档案：{path}", "en": "no YAML profiles found: {path}"},
    "path_missing": {"zh": "路径不存在：{path}", "en": "path does not exist: {path}"},
    "symlink_loop": {"zh": "符号链接循环，已跳过：{path}", "en": "symbolic link loop, skipped: {path}"},
    "valid": {"zh": "格式正确", "en": "valid"},
    "summary_validate": {
        "zh": "共检查 {total} 个文件：{ok} 个格式正确，{bad} 个有错误",
        "en": "{total} file(s) checked: {ok} valid, {bad} with errors",
    },
    "interrupted": {"zh": "已中断，未写出任何部分结果", "en": "interrupted; no partial output was written"},
    "output_is_input": {
        "zh": "拒绝写入：输出文件 {path} 是被检查的档案",
        "en": "refused: the output file {path} is one of the profiles being checked",
    },
    # clause references (see clause_ref) and punctuation
    "clause_item": {"zh": "第{n}条", "en": "item {n}"},
    "clause_safeguard": {"zh": "保障措施({numeral})", "en": "safeguards ({n})"},
    "clause_cite": {"zh": "《意见》{ref}", "en": "policy {ref}"},
    "colon": {"zh": "：", "en": ": "},
    "paren": {"zh": "（{text}）", "en": " ({text})"},
    "group": {"zh": "（{text}）", "en": "({text})"},
    "semicolon": {"zh": "；", "en": "; "},
    "quote": {"zh": "原文", "en": "policy"},
    "remedy": {"zh": "整改", "en": "fix"},
    "basis": {"zh": "外部依据", "en": "outside basis"},
    "basis_source": {"zh": "出处", "en": "source"},
    "waived": {"zh": "已豁免", "en": "waived"},
    "no_findings": {"zh": "未发现问题", "en": "no findings"},
    "invalid_file": {"zh": "档案无效，未检查规则", "en": "invalid profile: rules not run"},
    "totals": {
        "zh": "违规 {violation} · 警告 {warning} · 建议 {advice}",
        "en": "{violation} violation(s) · {warning} warning(s) · {advice} advice",
    },
    "deadline_left": {"zh": "整改期限 {deadline}，还剩 {days} 天", "en": "deadline {deadline}, {days} days left"},
    "deadline_over": {"zh": "整改期限 {deadline}，已逾期 {days} 天", "en": "deadline {deadline}, {days} days overdue"},
    "col_society": {"zh": "学会", "en": "society"},
    "col_deadline": {"zh": "整改期限", "en": "deadline"},
    "cell_left": {"zh": "{deadline}（剩 {days} 天）", "en": "{deadline} ({days} d left)"},
    "cell_overdue": {"zh": "{deadline}（逾期 {days} 天）", "en": "{deadline} ({days} d overdue)"},
    "known": {"zh": "基线已知", "en": "known (baseline)"},
    "left_out": {
        "zh": "基准日 {as_of} 之后的 {count} 项记录未计入本次审查：{fields}",
        "en": "{count} entries dated after the as-of date {as_of} left out of this audit: {fields}",
    },
    "summary_left_out": {
        "zh": "基准日 {as_of} 之后的记录共 {count} 项未计入",
        "en": "{count} entries dated after the as-of date {as_of} left out in all",
    },
    "col_file": {"zh": "文件", "en": "file"},
    "col_stage": {"zh": "监管阶段", "en": "stage"},
    "col_next": {"zh": "建议下一步", "en": "next step"},
    "col_violation": {"zh": "违规", "en": "viol."},
    "col_warning": {"zh": "警告", "en": "warn."},
    "col_advice": {"zh": "建议", "en": "advice"},
    "col_clauses": {"zh": "主要问题条款", "en": "most-cited items"},
    "summary_title": {"zh": "检查汇总（基准日 {as_of}）", "en": "Summary (as of {as_of})"},
    "summary_line": {
        "zh": "共 {files} 个档案：{valid} 个有效，{invalid} 个无效；违规 {violation}，警告 {warning}，建议 {advice}",
        "en": "{files} profile(s): {valid} valid, {invalid} invalid; {violation} violation(s), {warning} warning(s), {advice} advice",
    },
    "invalid_stage": {"zh": "档案无效", "en": "invalid"},
    "rule_unknown": {"zh": "没有这条规则：{rule}{hint}", "en": "no such rule: {rule}{hint}"},
    "bad_date": {"zh": "日期格式应为 YYYY-MM-DD：{value}", "en": "dates are YYYY-MM-DD: {value}"},
    "letter_none": {
        "zh": "当前无需发文：监管阶段为“{stage}”，检查建议为“{step}”。如确需发文，请用 --kind 指定类型并加 --force",
        "en": "no letter is called for: stage '{stage}', recommendation '{step}'. Use --kind with --force to issue one anyway",
    },
    "letter_refused": {
        "zh": "不建议发出{letter}：检查建议为“{step}”。{facts}如确需发出，请加 --force（生成的监管记录中会注明未采纳检查建议）",
        "en": "the {letter} is not justified: the recommendation is '{step}'. {facts}Add --force to issue it anyway (the "
              "history entry says so)",
    },
    # what a refused revocation adds: item 7's two objective conditions, revocation_mode, the recorded determination
    "letter_rev_facts": {
        "zh": "撤销的条件：{conditions}（revocation_mode: {mode}，{need}）；{determination}。",
        "en": "Conditions for revocation: {conditions} (revocation_mode: {mode}, {need}); {determination}. ",
    },
    "rev_holds": {"zh": "{name}成立", "en": "{name} holds"},
    "rev_fails": {"zh": "{name}不成立", "en": "{name} does not hold"},
    "rev_need_both": {"zh": "须两项同时成立", "en": "both are needed"},
    "rev_need_either": {"zh": "任一成立即可", "en": "either suffices"},
    "rev_no_determination": {"zh": "档案中没有情节严重认定", "en": "no determination of seriousness (情节严重认定) is recorded"},
    "rev_determination_on": {"zh": "档案中最近的情节严重认定作于 {date}", "en": "the latest determination of "
                             "seriousness (情节严重认定) recorded was made on {date}"},
    "rev_determination_early": {"zh": "档案中最近的情节严重认定作于 {date}，早于条件成立之日 {since}",
                                "en": "the latest determination of seriousness (情节严重认定) recorded was made on "
                                      "{date}, before the conditions arose on {since}"},
    "letter_needs_determination": {
        "zh": "不建议发出{letter}：第7条撤销的条件已成立，但档案中没有条件成立后作出的情节严重认定（检查建议为“{step}”）。"
              "{facts}请科协研究认定后在监管记录中记入“情节严重认定”（日期、认定机关或会议、依据、文号）；如确需发出，请加 --force"
              "（生成的监管记录中会注明未采纳检查建议）",
        "en": "the {letter} is not justified: item 7's conditions for revocation hold, but no determination that the case "
              "is serious (情节严重) was recorded after they arose (the recommendation is '{step}'). {facts}Record the "
              "association's determination as an oversight entry 情节严重认定 (date, body or meeting, grounds, document "
              "number), or add --force to issue it anyway (the history entry says so)",
    },
    "letter_nothing_to_cite": {
        "zh": "不生成{letter}：基准日没有可以列入公文的问题（未豁免的违规发现）。没有事实依据的公文不能发出",
        "en": "no {letter} written: there is no problem to cite (no violation found that is not waived); a letter needs facts",
    },
    "letter_review": {
        "zh": "本文书为送审稿：须经{organ}研究决定后方可印发（此提示不印在公文上）",
        "en": "this letter is a draft: {organ} decides before it is issued (this note is not printed on the letter)",
    },
    "letter_forced": {
        "zh": "本文书未采纳检查建议（建议为“{step}”），下面的监管记录已注明",
        "en": "this letter goes against the recommendation ('{step}'); the history entry below says so",
    },
    "letter_blank": {
        "zh": "附注中的联系人、电话为空，公文中留有空白待填写：请在 --issuer 文件中填写 {fields}",
        "en": "the contact line is empty and left blank to fill in by hand: set {fields} in the --issuer file",
    },
    "letter_placeholder": {
        "zh": "未知的占位符 {{{name}}}：只能使用 {names}",
        "en": "unknown placeholder {{{name}}}: only {names} can be used",
    },
    "letter_pdf_missing": {
        "zh": "PDF 格式需要可选组件 WeasyPrint：pip install 'compliance[pdf]'（另需中文字体，如 Debian 的 fonts-noto-cjk）",
        "en": "the pdf format needs the optional WeasyPrint: pip install 'compliance[pdf]' (and Chinese fonts, e.g. Debian's fonts-noto-cjk)",
    },
    "letter_pdf_no_font": {
        "zh": "没有找到中文字体，PDF 中的汉字无法显示：请安装中文字体（如 Debian 的 fonts-noto-cjk）",
        "en": "no Chinese font found, the PDF could not show Chinese text: install one (e.g. Debian's fonts-noto-cjk)",
    },
    "letter_pdf_failed": {"zh": "PDF 生成失败：{error}", "en": "the PDF could not be made: {error}"},
    "letter_written": {"zh": "已生成{letter}：{path}", "en": "{letter} written to {path}"},
    "letter_history": {
        "zh": "# 印发后，请把下面这一条追加到档案的 oversight（监管记录）中：",
        "en": "# Once issued, append this entry to the profile's oversight history:",
    },
    "waiver_file_list": {"zh": "豁免文件必须是豁免条目的列表", "en": "a waiver file is a list of waivers"},
    "waiver_unknown_rule": {"zh": "豁免的规则 {rule} 不存在", "en": "waiver names an unknown rule {rule}"},
    "waiver_not_allowed": {
        "zh": "规则 {rule} 不允许豁免（waivable: false），该豁免无效",
        "en": "rule {rule} cannot be waived (waivable: false); the waiver is rejected",
    },
    "waiver_forever": {"zh": "长期", "en": "no expiry"},
    "waiver_pending": {
        "zh": "豁免自 {on} 起生效，基准日 {as_of} 尚未生效，本项照常计入（理由：{justification}；{by} 批准）",
        "en": "the waiver takes effect on {on}, after the as-of date {as_of}: not yet in force, the finding counts "
              "(was: {justification}; approved by {by})",
    },
    "waiver_applied": {
        "zh": "已豁免：{justification}（{by} 于 {on} 批准，有效期至 {until}）",
        "en": "waived: {justification} (approved by {by} on {on}, until {until})",
    },
    "waiver_expired": {
        "zh": "豁免已于 {until} 过期，恢复计入（原理由：{justification}；{by} 于 {on} 批准）",
        "en": "the waiver expired on {until} and no longer applies (was: {justification}; approved by {by} on {on})",
    },
    "output_is_folder": {"zh": "拒绝写入：{path} 是一个目录，请给出文件名", "en": "refused: {path} is a folder; give a file name"},
    "output_no_folder": {"zh": "无法写入 {path}：目录 {folder} 不存在", "en": "cannot write {path}: the folder {folder} does not exist"},
    "output_not_writable": {"zh": "无法写入 {path}：目录 {folder} 没有写权限", "en": "cannot write {path}: no permission to write in {folder}"},
    "output_unwritable": {"zh": "无法写入 {path}：{reason}", "en": "cannot write {path}: {reason}"},
    "output_twice": {
        "zh": "拒绝写入：{path} 与 {other} 是同一个文件，两种输出会互相覆盖",
        "en": "refused: {path} and {other} are the same file; one output would overwrite the other",
    },
    "git_ref_option": {
        "zh": "--changed-since 的值应为 git 版本（如 origin/main），不能以 “-” 开头",
        "en": "--changed-since takes a git revision (such as origin/main), not a value starting with '-'",
    },
    "git_failed": {"zh": "--changed-since {ref}：git 出错：{detail}", "en": "--changed-since {ref}: git failed: {detail}"},
    "worker_crashed": {
        "zh": "审查此文件时工作进程崩溃（{how}），该文件未审查；其余文件不受影响",
        "en": "the worker process crashed while auditing this file ({how}); the file was not audited, the others were",
    },
    "worker_cannot_start": {
        "zh": "工作进程无法启动（{how}），未审查任何文件",
        "en": "the worker processes cannot start ({how}); no file was audited",
    },
    "name_not_utf8": {
        "zh": "文件名不是 UTF-8 编码（看起来是 GBK：“{guess}”，多为解压 Windows 压缩包所致），未审查；请重命名后再检查",
        "en": "the file name is not UTF-8 (it looks like GBK: '{guess}', as unzip leaves names from Chinese Windows); "
              "not audited: rename it and check again",
    },
    "duplicate_id": {
        "zh": "学会编号 {id} 已用于 {first}：同一批中两个档案的编号相同，本档案未审查",
        "en": "society id {id} is already used by {first}: two profiles of one batch share an id; this one was not audited",
    },
    "template_error": {"zh": "模板错误：{error}", "en": "template error: {error}"},
    "template_recursion": {"zh": "模板错误：递归过深（宏调用自身？）", "en": "template error: recursion too deep (a macro calling itself?)"},
    "template_memory": {
        "zh": "模板错误：渲染超出内存上限（{limit} MiB）",
        "en": "template error: rendering went over the memory limit ({limit} MiB)",
    },
    "template_timeout": {
        "zh": "模板错误：渲染超过 {seconds} 秒，已停止",
        "en": "template error: rendering took more than {seconds} s and was stopped",
    },
    "as_of_range": {
        "zh": "--as-of: 检查基准日 {value} 超出范围：应在 {low} 至 {high} 之间",
        "en": "--as-of: the as-of date {value} is out of range: it must be between {low} and {high}",
    },
    "baseline_bad": {"zh": "不是有效的 JSON 报告（基线）：{detail}", "en": "not a JSON report (baseline): {detail}"},
    "interrupted_signal": {
        "zh": "已中断（{signal}），未写出任何部分结果",
        "en": "interrupted ({signal}); no partial output was written",
    },
    # init: a new profile to fill in (skeleton)
    "init_header": {
        "zh": "{name}的合规档案（compliance init 生成，请逐项填写）。\n"
              "填写方法：\n"
              "  · 标“待填写”的项目必须填写：写在冒号后面，冒号后留一个空格；compliance validate 列出尚未填写的项目。\n"
              "  · 标“选填”的项目没有可以空着；整节标“没有的删除本节”的，没有就删去这一节。\n"
              "  · 列表：没有的写 []；有的按注释中的格式逐项填写（删去行首的 “# ”）。\n"
              "  · 日期写作 2024-05-01，是/否写作 true/false；“示例”只是示范写法，不是档案内容。\n"
              "  · 习惯用 Excel/WPS 的，可以用 compliance template 生成表格，填好后用 compliance import 转成档案。",
        "en": "Compliance profile of {name} (written by compliance init: fill it in field by field).\n"
              "How to fill it in:\n"
              "  · Fields marked 'to fill in' are required: write the value after the colon and one space;\n"
              "    compliance validate lists what is still empty.\n"
              "  · Optional fields may stay empty; a section marked 'delete if none' is deleted when there is none.\n"
              "  · Lists: write [] when there are none, otherwise one item each in the format shown (remove the '# ').\n"
              "  · Dates are written 2024-05-01, yes/no as true/false; examples show the format, they are not data.\n"
              "  · For Excel/WPS users: compliance template writes a workbook, compliance import reads it back.",
    },
    "sk_to_fill": {"zh": "待填写", "en": "to fill in"},
    "sk_required": {"zh": "必填", "en": "required"},
    "sk_optional": {"zh": "选填", "en": "optional"},
    "sk_default": {"zh": "选填，不写为 {value}", "en": "optional, {value} if left out"},
    "sk_section_optional": {"zh": "没有的删除本节", "en": "delete this section if there is none"},
    "sk_list_none": {"zh": "没有则写 []", "en": "write [] if there are none"},
    "sk_dict_none": {"zh": "没有则写 {{}}", "en": "write {{}} if there are none"},
    "sk_list_min": {"zh": "至少 {n} 项", "en": "at least {n}"},
    "sk_item_format": {"zh": "每项的写法（删去行首的 “# ”，每项一组）：", "en": "each item is written so (remove the '# ', one group each):"},
    "sk_hint_choice": {"zh": "可选：{choices}", "en": "one of: {choices}"},
    "sk_hint_multi": {"zh": "可多选：{choices}，写作 [甲, 乙]", "en": "any of: {choices}, written [a, b]"},
    "sk_hint_list": {"zh": "多项写作 [甲, 乙]（示例）", "en": "several are written [a, b] (example)"},
    "sk_hint_dict": {"zh": "写作 {example}（示例）", "en": "written {example} (example)"},
    "sk_hint_date": {"zh": "日期，示例：{example}", "en": "a date, example: {example}"},
    "sk_hint_year": {"zh": "年度，示例：{example}", "en": "a year, example: {example}"},
    "sk_hint_int": {"zh": "整数", "en": "a whole number"},
    "sk_hint_number": {"zh": "数字，最多两位小数", "en": "a number, at most two decimals"},
    "init_written": {
        "zh": "已生成档案 {path}：还有 {count} 项待填写，填好后用 compliance validate {path} 检查",
        "en": "profile {path} written: {count} fields to fill in; then check it with compliance validate {path}",
    },
    "init_bad_name": {"zh": "学会名称无效：{problem}", "en": "invalid society name: {problem}"},
    "output_exists": {
        "zh": "拒绝写入：{path} 已存在，不会覆盖；请换一个文件名或先删除它",
        "en": "refused: {path} exists and is not overwritten; choose another name or delete it first",
    },
    # workbook: template, import, export
    "wb_readme_sheet": {"zh": "说明", "en": "说明 (read me)"},
    "wb_readme_title": {"zh": "学会档案填写说明", "en": "How to fill in the society workbook"},
    "wb_readme": {
        "zh": "本工作簿由 compliance template（或 compliance export）生成，填好后用 compliance import 工作簿.xlsx -o 档案.yaml 转成档案。\n"
              "· 表单（基本信息、章程、党的建设等）：每行一个项目，在“内容”列填写；“示例”列只是示范写法。\n"
              "· 表格（理事、业务活动、分支机构等）：每行一条记录，第一列“序号”填 1、2、3……；没有的表格保持空白。\n"
              "· 序号为“{example}”的黄色行是示例，导入时忽略；可以删除，但不要在示例行上填写真实数据。\n"
              "· 年度考核、收费等表格的“所属…序号”填所属分支机构、业务活动的序号。\n"
              "· 列名前有 * 的必须填写；表单中标“待填写”的项目都要填写（没有的列表填“无”）。\n"
              "· 日期写作 2024-05-01（或用日期格式）；是/否从下拉列表选择“{yes}”或“{no}”；有下拉列表的列从列表中选择。\n"
              "· 一格中有多项时用顿号“、”分隔，或在单元格内换行（Alt+Enter）。\n"
              "· 金额以元为单位，最多两位小数；人数、次数填整数。\n"
              "· 不要修改工作表名称；可以增加自己的列，导入时会被忽略。\n"
              "· 鼠标停在列名上可以看到该列的说明；下表列出每个工作表的每一列。",
        "en": "Written by compliance template (or compliance export); once filled in, compliance import book.xlsx -o "
              "profile.yaml turns it into a profile.\n"
              "· Forms (basic information, charter, party building, …): one field a row, the value in the second column; "
              "the example column only shows the format.\n"
              "· Tables (council members, activities, branches, …): one record a row, the first column numbered 1, 2, "
              "3, …; leave a table empty when there are none.\n"
              "· The yellow row numbered '{example}' is an example and is skipped on import: delete it or leave it, but "
              "do not type real data into it.\n"
              "· Tables such as yearly assessments and fees name the number of the branch or activity they belong to.\n"
              "· Columns marked * are required; every form field marked 'to fill in' must be answered (an empty list "
              "is written 无).\n"
              "· Dates are written 2024-05-01 (or entered as dates); yes/no is '{yes}' or '{no}' from the drop-down; "
              "choose from the drop-down where there is one.\n"
              "· Several items in one cell are separated by 、 or by line breaks within the cell (Alt+Enter).\n"
              "· Amounts are in yuan with at most two decimals; counts are whole numbers.\n"
              "· Do not rename the sheets; columns of your own are ignored on import.\n"
              "· Hover over a header to read about its column; the table below lists every column of every sheet.",
    },
    "wb_rd_sheet": {"zh": "工作表", "en": "sheet"},
    "wb_rd_column": {"zh": "列（项目）", "en": "column"},
    "wb_rd_need": {"zh": "是否必填", "en": "required"},
    "wb_rd_note": {"zh": "填写说明", "en": "how to fill it in"},
    "wb_rd_key": {"zh": "档案字段", "en": "profile field"},
    "wb_kind_form": {"zh": "表单：每行一个项目，在“内容”列填写", "en": "form: one field a row"},
    "wb_kind_table": {"zh": "表格：每行一条记录", "en": "table: one record a row"},
    "wb_col_item": {"zh": "项目", "en": "field"},
    "wb_col_value": {"zh": "内容", "en": "value"},
    "wb_col_note": {"zh": "说明", "en": "notes"},
    "wb_col_example": {"zh": "示例", "en": "example"},
    "wb_col_key": {"zh": "字段", "en": "key"},
    "wb_serial": {"zh": "序号", "en": "序号 (no.)"},
    "wb_serial_note": {
        "zh": "每条记录一个序号：1、2、3……（其他表格用它指明所属记录）。序号为“示例”的行导入时忽略。",
        "en": "One number per record: 1, 2, 3, … (other tables use it to name the record they belong to). "
              "The row numbered 示例 is an example and is skipped on import.",
    },
    "wb_parent": {"zh": "所属{title}序号", "en": "{title} no."},
    "wb_note_sep": {"zh": "；", "en": "; "},
    "wb_when_section": {"zh": "{word}（填写“{section}”时）", "en": "{word} (when {section} is filled in)"},
    "wb_hint_bool": {"zh": "从下拉列表选“{yes}”或“{no}”", "en": "'{yes}' (yes) or '{no}' (no) from the drop-down"},
    "wb_hint_list": {"zh": "多项用顿号“、”分隔或在单元格内换行", "en": "several items separated by 、 or line breaks"},
    "wb_hint_multi": {"zh": "可多选：{choices}，用顿号“、”分隔", "en": "any of: {choices}, separated by 、"},
    "wb_hint_dict": {"zh": "写作 {example}，多项用顿号“、”分隔", "en": "written {example}, several separated by 、"},
    "wb_form_none": {"zh": "没有的填“无”", "en": "write 无 if there are none"},
    "wb_not_xlsx": {
        "zh": "无法读取工作簿：不是 Excel 工作簿（.xlsx），或文件已损坏（{reason}）",
        "en": "cannot read the workbook: not an Excel workbook (.xlsx), or damaged ({reason})",
    },
    "wb_unpacked_too_large": {
        "zh": "工作簿解压后过大（{size} 字节，上限 {limit} 字节），拒绝读取",
        "en": "the workbook unpacks to too much data ({size} bytes, limit {limit} bytes); refused",
    },
    "wb_too_many_rows": {
        "zh": "工作表的行数超过 {limit} 行，拒绝读取",
        "en": "the sheet has more than {limit} rows; refused",
    },
    "wb_bad_pair": {
        "zh": "应写作 “年度: 次数”，多项用顿号“、”分隔，实际是 {actual}",
        "en": "expected 'year: count' pairs separated by 、, found {actual}",
    },
    "wb_example_changed": {
        "zh": "序号为“示例”的示例行被改动过，导入时会被忽略：如果这是要导入的数据，请把序号改为数字；否则请删除此行",
        "en": "the example row (numbered 示例) was changed and would be skipped: number it if it holds real data, "
              "otherwise delete it",
    },
    "wb_bad_serial": {"zh": "序号应为正整数，实际是 {actual}", "en": "the number must be a positive whole number, found {actual}"},
    "wb_duplicate_serial": {
        "zh": "序号 {actual} 重复（第一次出现在第 {first} 行）",
        "en": "number {actual} is used twice (first on row {first})",
    },
    "wb_no_parent": {
        "zh": "工作表“{sheet}”中没有序号为 {actual} 的记录",
        "en": "the sheet '{sheet}' has no record numbered {actual}",
    },
    "wb_parent_missing": {
        "zh": "请填写所属记录在工作表“{sheet}”中的序号",
        "en": "give the number of the record in the sheet '{sheet}' this row belongs to",
    },
    "import_note": {"zh": "由工作簿 {book} 导入（compliance import）", "en": "imported from the workbook {book} (compliance import)"},
    "template_written": {"zh": "已生成工作簿模板 {path}", "en": "workbook template written to {path}"},
    "export_written": {"zh": "已导出工作簿 {path}", "en": "workbook written to {path}"},
    "import_written": {
        "zh": "已导入为档案 {path}（{society}）",
        "en": "imported into the profile {path} ({society})",
    },
    # rule files: conditions
    "r_file_list": {"zh": "规则文件必须是规则列表", "en": "a rule file is a list of rules"},
    "r_cond_mapping": {
        "zh": "{rule}：条件必须是映射（all/any/not 或 field/op/value）",
        "en": "{rule}: a condition must be a mapping (all/any/not or field/op/value)",
    },
    "r_cond_list": {"zh": "{rule}：all/any 需要非空列表", "en": "{rule}: all/any need a non-empty list"},
    "r_cond_keys": {
        "zh": "{rule}：未知的条件键 {keys}；应为 all/any/not 或 field/op/value",
        "en": "{rule}: unknown condition keys {keys}; use all/any/not or field/op/value",
    },
    "r_not_matches": {
        "zh": "{rule}：not 不能用于 matches（规则引擎没有“不匹配”运算）",
        "en": "{rule}: 'not' cannot wrap 'matches' (the engine has no negated match)",
    },
    "r_unknown_field": {
        "zh": "{rule}：{subject} 没有字段 “{field}”{hint}（见 compliance rules fields {subject}）",
        "en": "{rule}: {subject} has no field '{field}'{hint} (see compliance rules fields {subject})",
    },
    "r_unknown_op": {"zh": "{rule}：未知运算符 “{op}”，可用：{ops}", "en": "{rule}: unknown operator '{op}'; use one of: {ops}"},
    "r_no_value": {"zh": "{rule}：{op} 不带 value", "en": "{rule}: {op} takes no value"},
    "r_value_missing": {"zh": "{rule}：缺少 value", "en": "{rule}: value is missing"},
    "r_unknown_param": {
        "zh": "{rule}：未知参数 “{name}”（见 params.yaml）{hint}",
        "en": "{rule}: unknown parameter '{name}' (see params.yaml){hint}",
    },
    "r_types_differ": {"zh": "{rule}：类型不一致：{kind} 与 {other}", "en": "{rule}: types differ: {kind} and {other}"},
    "r_field_op": {"zh": "{rule}：{op} 不能与另一字段比较", "en": "{rule}: {op} cannot compare with another field"},
    "r_bad_value": {
        "zh": "{rule}：value 只能是字面值、{{param: 名称}} 或 {{field: 字段}}",
        "en": "{rule}: a value is a literal, {{param: name}} or {{field: name}}",
    },
    "r_list_needed": {
        "zh": "{rule}：{op} 需要由 {kind} 组成的非空列表",
        "en": "{rule}: {op} needs a non-empty list of {kind}",
    },
    "r_list_too_long": {
        "zh": "{rule}：{op} 的列表有 {count} 项，上限 {limit} 项（更长的列表会使规则引擎停止响应）",
        "en": "{rule}: the {op} list has {count} values, at most {limit} are allowed (longer lists hang the engine)",
    },
    "r_too_many_branches": {
        "zh": "{rule}：{subject} 的全部规则条件共展开为 {total} 个分支，超过上限 {limit}（超过约 500 个会使规则引擎停止响应）；"
              "请缩短 in 列表或合并规则",
        "en": "{rule}: the rules on {subject} expand to {total} branches together, more than {limit} (beyond about 500 "
              "the engine hangs); shorten the in-lists or merge rules",
    },
    "r_matches_text": {
        "zh": "{rule}：matches 只用于文本字段和文本模式",
        "en": "{rule}: matches needs a text field and a text pattern",
    },
    "r_regex_anchor": {
        "zh": "{rule}：正则表达式 “{pattern}” 不能含 ^ 或 $（总是整串匹配）",
        "en": "{rule}: the pattern '{pattern}' cannot use ^ or $ (the whole text is always matched)",
    },
    "r_regex_class": {
        "zh": "{rule}：正则表达式 “{pattern}” 的字符集含 {width} 个字符，上限 {limit} 个（更宽的字符集会使规则引擎崩溃）",
        "en": "{rule}: a character class of '{pattern}' holds {width} characters, at most {limit} (wider ones crash the engine)",
    },
    "r_regex_repeat": {
        "zh": "{rule}：正则表达式 “{pattern}” 的重复次数不能超过 {limit}",
        "en": "{rule}: repeat counts in '{pattern}' must be at most {limit}",
    },
    "r_regex_engine": {
        "zh": "{rule}：规则引擎不接受正则表达式 “{pattern}”（错误 {code}：括号不配对、* ? + | 前缺少内容、重复次数有误或过于复杂）",
        "en": "{rule}: the engine rejects the pattern '{pattern}' (error {code}: unbalanced brackets, * ? + | with "
              "nothing before them, a bad repeat count, or too complex)",
    },
    "r_type_mismatch": {
        "zh": "{rule}：类型不符：字段 {field} 是 {kind}，值是 {actual}",
        "en": "{rule}: type mismatch: {field} is {kind}, the value is {actual}",
    },
    "r_param_type": {
        "zh": "{rule}：类型不符：字段 {field} 是 {kind}，参数 {name} 是 {ptype}",
        "en": "{rule}: type mismatch: {field} is {kind}, parameter {name} is {ptype}",
    },
    "r_bool_order": {"zh": "{rule}：布尔字段不能比较大小", "en": "{rule}: booleans cannot be ordered"},
    "r_enum": {
        "zh": "{rule}：“{value}” 不是 {field} 的取值{hint}；可用：{allowed}",
        "en": "{rule}: '{value}' is not a value of {field}{hint}; allowed: {allowed}",
    },
    "r_placeholder": {
        "zh": "{rule}：占位符 {{{name}}} 不是 {subject} 的字段或参数",
        "en": "{rule}: the placeholder {{{name}}} is neither a field of {subject} nor a parameter",
    },
    "r_dates": {
        "zh": "{rule}：失效日期 effective_until {until} 不晚于生效日期 effective_from {start}，规则永远不会生效",
        "en": "{rule}: effective_until {until} is not after effective_from {start}: the rule would never apply",
    },
    "r_duplicate": {"zh": "{rule}：规则编号重复（另见 {other}）", "en": "{rule}: duplicate rule id (also in {other})"},
    "r_prohibition_ladder": {
        "zh": "{rule}：禁止性要求（不得）至少应责令限期整改，ladder 只能是 {weights}，不能是 {weight}",
        "en": "{rule}: banned conduct is at least a rectification order: ladder must be one of {weights}, not {weight}",
    },
    "r_waivable_class": {
        "zh": "{rule}：{cls} 类规则（禁止性或政治性要求）不得豁免，不能写 waivable: true",
        "en": "{rule}: a {cls} rule (a ban or political requirement) is never waivable: waivable: true is not allowed",
    },
    "r_quote_term": {
        "zh": "{rule}：关键词 “{term}” 不在摘录的原文 quote{basis} 中（摘录应包含规则所执行的要求，否则写明外部依据 basis）",
        "en": "{rule}: the key term '{term}' is not in the quote{basis} (quote the sentence that states the requirement, "
              "or give the outside basis)",
    },
    "r_letter_placeholder": {
        "zh": "{rule}：公文用语中的占位符 {{{name}}} 不在 message 中（公文只能使用提示语用到的事实）",
        "en": "{rule}: the letter's placeholder {{{name}}} is not in the message (letters use the message's facts)",
    },
    "r_letter_style": {
        "zh": "{rule}：公文用语不能含 {what}（用“你会……”的公文写法，日期由公文排版，不写给工具使用者的话）",
        "en": "{rule}: letter wording must not contain {what} (write as a 公文 does; dates are formatted by the letter)",
    },
    # rule files: parameters
    "p_not_mapping": {"zh": "params.yaml 顶层必须是映射", "en": "params.yaml must be a mapping at the top"},
    "p_schema": {"zh": "参数声明无效：{detail}", "en": "invalid parameter declaration: {detail}"},
    "p_range_not_number": {"zh": "range 只用于数值参数，该参数是 {type}", "en": "range is for numbers; this parameter is {type}"},
    "p_range_bad": {"zh": "range 应为 [下限, 上限]：{low}, {high}", "en": "range must be [low, high]: {low}, {high}"},
    "p_choices_missing": {"zh": "choice 类型的参数需要 choices 列表", "en": "a choice parameter needs a choices list"},
    "p_items_missing": {
        "zh": "list 类型的参数需要 items_from（档案字段）或 choices",
        "en": "a list parameter needs items_from (a profile field) or choices",
    },
    "p_choices_unused": {
        "zh": "choices/items_from 只用于 choice 和 list 参数，该参数是 {type}",
        "en": "choices/items_from are for choice and list parameters; this one is {type}",
    },
    "p_items_from_bad": {
        "zh": "items_from：档案中没有取值固定的字段 “{field}”",
        "en": "items_from: '{field}' is not an enumerated profile field",
    },
    "p_value_type": {"zh": "类型错误：应为 {expected}，实际是 {actual}", "en": "wrong type: expected {expected}, found {actual}"},
    "p_value_not_finite": {"zh": "数值必须是有限数，实际是 {actual}", "en": "the value must be a finite number, found {actual}"},
    "p_value_range": {
        "zh": "数值 {actual} 超出允许范围 [{low}, {high}]",
        "en": "{actual} is outside the allowed range [{low}, {high}]",
    },
    "p_value_choice": {
        "zh": "取值 “{actual}” 无效{hint}；可用：{allowed}",
        "en": "invalid value '{actual}'{hint}; allowed: {allowed}",
    },
    "p_value_duplicate": {"zh": "列表中有重复项：{actual}", "en": "the list repeats an item: {actual}"},
    "p_dates_order": {
        "zh": "生效日期须从早到晚排列：{date} 不晚于前一项 {previous}",
        "en": "dated values must be in order, oldest first: {date} is not after {previous}",
    },
    "p_missing": {
        "zh": "缺少参数 “{name}”（由 {readers} 使用）{hint}",
        "en": "parameter '{name}' is missing (read by {readers}){hint}",
    },
    "p_type_expected": {
        "zh": "参数 {name} 应为 {expected} 类型（{readers} 按此读取），实际声明为 {actual}",
        "en": "parameter {name} must be of type {expected} ({readers} read it so), declared {actual}",
    },
    "p_unused": {
        "zh": "参数 “{name}” 没有被任何规则、事实或文书使用{hint}；修改它不会有任何效果，请删除或更正名称",
        "en": "parameter '{name}' is read by no rule, fact or letter{hint}; changing it would change nothing: "
              "remove it or correct its name",
    },
    "hint_near": {"zh": "（是否应为 “{name}”？）", "en": " (did you mean '{name}'?)"},
    "hint_misspelt": {"zh": "（params.yaml 中的 “{name}” 是否拼错了？）", "en": " (is '{name}' in params.yaml a misspelling?)"},
    # fact registry (compliance rules fields / show)
    "f_sources": {"zh": "来源字段：", "en": "from: "},
    "f_params": {"zh": "参数：", "en": "parameters: "},
    "f_uses": {"zh": "依据事实：", "en": "uses: "},
    "f_values": {"zh": "取值：", "en": "values: "},
    "f_fields": {"zh": "用到的字段（{subject}）：", "en": "fields read ({subject}):"},
    "f_unit": {"zh": "（{unit}）", "en": " ({unit})"},
    "f_param_value": {"zh": "{name}（={value}）", "en": "{name} (= {value})"},
    "list_sep": {"zh": "，", "en": ", "},
    "enum_sep": {"zh": "、", "en": ", "},
    "enum_or": {"zh": "{head} 或 {last}", "en": "{head} or {last}"},
    "f_no_subject": {
        "zh": "没有这种事实类型：{subject}{hint}；可用：{subjects}",
        "en": "no such subject: {subject}{hint}; use one of: {subjects}",
    },
    "unit_months": {"zh": "月", "en": "months"},
    "unit_days": {"zh": "天", "en": "days"},
    "unit_years": {"zh": "年", "en": "years"},
    "unit_year": {"zh": "年度", "en": "year"},
    "unit_age": {"zh": "周岁", "en": "years"},
    "unit_date": {"zh": "日期", "en": "date"},
    "unit_times": {"zh": "次", "en": "times"},
    "unit_count": {"zh": "个", "en": "count"},
    "unit_persons": {"zh": "人", "en": "persons"},
    "unit_units": {"zh": "家", "en": "organisations"},
    "unit_terms": {"zh": "届", "en": "terms"},
    "unit_yuan": {"zh": "元", "en": "yuan"},
    "unit_ratio": {"zh": "比例", "en": "ratio"},
    "progress": {"zh": "审查中", "en": "auditing"},
    "written": {"zh": "已写入 {path}", "en": "written to {path}"},
    "binary_to_terminal": {
        "zh": "{fmt} 是二进制文件，不能显示在终端上：请用 -o 文件名 指定输出文件（或重定向到文件）",
        "en": "{fmt} is a binary file and cannot be shown on a terminal: name an output file with -o FILE "
              "(or redirect to a file)",
    },
    "report_option": {
        "zh": "--report {value}: 应为 格式=文件，格式为 {formats}",
        "en": "--report {value}: expected FORMAT=FILE, FORMAT one of {formats}",
    },
    # table columns and field names
    "col_rule": {"zh": "规则", "en": "rule"},
    "col_clause": {"zh": "条款", "en": "item"},
    "col_severity": {"zh": "级别", "en": "severity"},
    "col_title": {"zh": "标题", "en": "title"},
    "col_where": {"zh": "位置", "en": "where"},
    "col_message": {"zh": "说明", "en": "message"},
    "col_id": {"zh": "档案编号", "en": "id"},
    "col_remedy": {"zh": "整改", "en": "remedy"},
    "col_path": {"zh": "字段", "en": "field"},
    "col_status": {"zh": "状态", "en": "status"},
    "col_days_left": {"zh": "剩余天数", "en": "days left"},
    "col_errors": {"zh": "错误", "en": "errors"},
    "col_left_out": {"zh": "基准日后未计入", "en": "left out (later)"},
    "sheet_error": {"zh": "错误", "en": "error"},
    "sheet_summary": {"zh": "汇总", "en": "summary"},
    "sheet_findings": {"zh": "发现", "en": "findings"},
    "col_class": {"zh": "性质", "en": "class"},
    "col_rules": {"zh": "规则", "en": "rules"},
    "col_not_checkable": {"zh": "无法核查的部分及理由", "en": "not checkable, and why"},
    "field_subject": {"zh": "对象", "en": "subject"},
    "field_condition": {"zh": "条件", "en": "condition"},
    "field_parameter": {"zh": "参数", "en": "parameter"},
    "field_message": {"zh": "提示", "en": "message"},
    "field_ladder": {"zh": "退出机制", "en": "ladder"},
    "field_class": {"zh": "性质", "en": "class"},
    "field_quote_terms": {"zh": "关键词", "en": "key terms"},
    "field_letter_fact": {"zh": "公文·事实", "en": "letter, fact"},
    "field_letter_requirement": {"zh": "公文·要求", "en": "letter, requirement"},
    "field_in_force": {"zh": "有效期", "en": "in force"},
    "cond_all": {"zh": " 且 ", "en": " and "},
    "cond_any": {"zh": " 或 ", "en": " or "},
    "cond_not": {"zh": "并非", "en": "not "},
    # reports (Markdown, HTML)
    "report_title": {"zh": "学会合规检查报告", "en": "Society compliance report"},
    "check_title": {"zh": "学会合规检查（{as_of}）", "en": "Society compliance check ({as_of})"},
    "html_lang": {"zh": "zh-CN", "en": "en"},
    "as_of_label": {"zh": "基准日", "en": "as of"},
    "card_profiles": {"zh": "档案", "en": "profiles"},
    "card_invalid": {"zh": "无效档案", "en": "invalid"},
    "card_left_out": {"zh": "{as_of} 之后的记录（未计入）", "en": "entries after {as_of} (left out)"},
    "card_recommended": {"zh": "建议{step}", "en": "recommended: {step}"},
    "chart_clauses": {"zh": "各条款发现数", "en": "Findings by item"},
    "chart_stages": {"zh": "各监管阶段学会数", "en": "Societies by ladder stage"},
    "societies": {"zh": "学会一览", "en": "Societies"},
    "deadline": {"zh": "整改期限 {deadline}", "en": "deadline {deadline}"},
    # the ladder beside its step: flags (see vocabulary.FLAGS) and the episode in progress
    "flag_study_seriousness": {
        "zh": "{conditions}成立（revocation_mode: {mode}），但没有 {since} 以后作出的情节严重认定。撤销团体会员资格还须科协研究认定"
              "“情节严重”（记入监管记录“情节严重认定”：认定机关或会议、依据、文号）；认定之前按一般情形处理，{conditions}至少属于"
              "“活力不足”",
        "en": "{conditions} (revocation_mode: {mode}), but no determination that the case is serious made after {since}. "
              "Revocation also needs the association to determine 情节严重 (record it as an oversight entry 情节严重认定: "
              "who determined it, on what grounds, document number); until then the ordinary ladder applies, and "
              "{conditions} count at least as lacking vitality",
    },
    "flag_determination_unmet": {
        "zh": "{date} 经{by}认定情节严重，但第7条撤销的条件在基准日不成立{mode_text}，不建议撤销",
        "en": "determined serious on {date} by {by}, but item 7's conditions for revocation do not hold on the as-of day "
              "{mode_text}: revocation is not recommended",
    },
    "flag_determination_early": {
        "zh": "{date} 的情节严重认定早于撤销条件成立之日 {since}，不能作为撤销的依据，须重新研究认定",
        "en": "the determination of {date} predates the day the conditions arose ({since}): it cannot support revocation; "
              "the association must determine it again",
    },
    "flag_escalation_inferred": {
        "zh": "约谈（{date}）所列问题 {items} 超过 {days} 天仍未解决。第7条没有规定约谈后的观察期：约谈后问题仍未解决即建议"
              "责令限期整改，是本工具的推断（interview_followup_days）",
        "en": "the problems the interview of {date} cited ({items}) are unresolved after more than {days} days. Item 7 sets "
              "no follow-up period: recommending an order when they remain is this tool's inference (interview_followup_days)",
    },
    "flag_followup_inferred": {
        "zh": "约谈（{date}）所列问题 {items} 仍未解决；观察期至 {until}（{days} 天，推断：第7条未规定约谈后的观察期，"
              "interview_followup_days），届时仍未解决的建议责令限期整改",
        "en": "the problems the interview of {date} cited ({items}) remain; the follow-up period runs to {until} ({days} "
              "days, an inference: item 7 sets none; interview_followup_days), after which an order is recommended",
    },
    "flag_order_unmet": {
        "zh": "整改期限 {deadline} 已过，责令限期整改通知所列问题仍无明显改进：未按期完成整改本身即不符合要求",
        "en": "the deadline {deadline} has passed without marked improvement on the problems the order cited: not "
              "meeting the order is itself a failure to comply",
    },
    "flag_report_missing": {
        "zh": "整改期限 {deadline} 内没有报送附证明材料的整改报告（improvement_requires_report）",
        "en": "no rectification report with evidence by the deadline {deadline} (improvement_requires_report)",
    },
    "flag_report_late": {
        "zh": "整改报告于 {date} 报送，晚于整改期限 {deadline}，不计入明显改进",
        "en": "the rectification report came on {date}, after the deadline {deadline}: it does not count",
    },
    "flag_report_no_evidence": {
        "zh": "{date} 的整改报告没有列出证明材料（evidence），不计入明显改进",
        "en": "the rectification report of {date} lists no evidence: it does not count",
    },
    "flag_cites_nothing": {
        "zh": "{episode}（{date}）未列具体问题：以基准日有无未豁免的违规发现判断问题是否仍存在",
        "en": "the {episode} of {date} cites no specific problem: any violation not waived counts as remaining",
    },
    "rev_grades": {"zh": "年度评价连续两年C等次", "en": "grade C two years running"},
    "rev_inactive": {"zh": "长期不开展活动", "en": "long inactivity"},
    "rev_and": {"zh": "和", "en": " and "},
    "rev_or": {"zh": "或", "en": " or "},
    "ep_head": {
        "zh": "{episode}（{when}）所列问题：已解决 {resolved} 项，仍存在 {remaining} 项",
        "en": "issues cited by the {episode} ({when}): {resolved} resolved, {remaining} remaining",
    },
    "ep_date_doc": {"zh": "{date}，{doc}", "en": "{date}, {doc}"},
    "ep_improvement": {
        "zh": "明显改进：{verdict}（已解决 {share}，须不低于 {min}；仍存在的禁止性、政治性问题：{prohibited}；整改报告：{report}）",
        "en": "marked improvement (明显改进): {verdict} ({share} resolved, at least {min} needed; prohibition or "
              "political issues remaining: {prohibited}; rectification report: {report})",
    },
    "next_inferred": {"zh": "{step}（约谈所列问题逾期未解决，推断）",
                      "en": "{step} (the interview's problems outlast the follow-up period: an inference)"},
    "step_inferred": {"zh": "{step}（推断）", "en": "{step} (inferred)"},
    "ep_outcome": {"zh": "本次{episode}的结论：{outcome}；建议的下一步另按基准日的检查结果评估",
                   "en": "conclusion of this {episode}: {outcome}; the next step is assessed afresh from today's findings"},
    "ep_not_yet": {"zh": "整改期限未到，尚待认定", "en": "not yet judged (the deadline has not passed)"},
    "ep_report_ok": {"zh": "{date} 报送，附证明材料 {n} 项", "en": "submitted {date} with {n} item(s) of evidence"},
    "ep_report_none": {"zh": "未按期报送", "en": "none on time"},
    "ep_report_pending": {"zh": "尚未报送", "en": "not yet submitted"},
    "ep_report_not_required": {"zh": "不要求", "en": "not required"},
    "ep_none": {"zh": "无", "en": "none"},
    "ladder_grounds": {"zh": "依据（第7条情形）", "en": "grounds (item 7 category)"},
    "ladder_flags": {"zh": "提请注意", "en": "for attention"},
    # ladder reasons from the oversight history
    "reason_deadline": {"zh": "，整改期限 {deadline}", "en": ", deadline {deadline}"},
    "reason_result": {"zh": "：{result}", "en": ": {result}"},
    # compliance explain: the terminal and JSON wording
    "x_not_audited": {"zh": "无法审查此档案：{detail}", "en": "the profile cannot be audited: {detail}"},
    "x_none_fired": {
        "zh": "没有触发任何规则；加 --all 解释每条规则，或在命令中写出规则编号",
        "en": "no rule fired; add --all to explain every rule, or name the rules",
    },
    "x_missing": {"zh": "缺失", "en": "missing"},
    "x_yes": {"zh": "是", "en": "yes"},
    "x_no": {"zh": "否", "en": "no"},
    "x_with_unit": {"zh": "{value} {unit}", "en": "{value} {unit}"},
    "x_head": {"zh": "{name}（{id}）  {file}  基准日 {as_of}", "en": "{name} ({id})  {file}  as of {as_of}"},
    "x_not_waivable": {"zh": "不可豁免", "en": "not waivable"},
    "x_rule_at": {"zh": "规则 {place}", "en": "rule {place}"},
    "x_verdict": {"zh": "结论", "en": "verdict"},
    "x_fired": {"zh": "触发（{n} 项发现）", "en": "fired ({n} finding(s))"},
    "x_not_fired": {"zh": "未触发", "en": "did not fire"},
    "x_not_in_force": {
        "zh": "基准日 {as_of} 不在此规则的有效期（{start} ~ {end}）内，未检查",
        "en": "not in force on {as_of} ({start} ~ {end}): not evaluated",
    },
    "x_each": {"zh": "对每个{subject}", "en": "for each {subject}"},
    "x_no_items": {"zh": "档案中没有{subject}，无从触发", "en": "the profile has no {subject}: nothing to fire on"},
    "x_all": {"zh": "同时满足以下各项", "en": "all of"},
    "x_any": {"zh": "满足以下任一项", "en": "any of"},
    "x_not": {"zh": "以下不成立", "en": "not"},
    "x_state_holds": {"zh": "成立", "en": "holds"},
    "x_state_fails": {"zh": "不成立", "en": "false"},
    "x_state_missing": {"zh": "缺值（与缺失的值比较，结果为不成立）", "en": "missing (a comparison with a missing value is false)"},
    "x_wanted_false": {"zh": "，规则要求其不成立", "en": "; the rule needs it false"},
    "x_actual": {"zh": "实际：{value}", "en": "actual: {value}"},
    "x_src_missing": {"zh": "（档案中未填写）", "en": " (not in the profile)"},
    "x_src_items": {"zh": "（{n} 项）", "en": " ({n} items)"},
    "x_param": {"zh": "参数：{label} = {value}（{name}，{place}）", "en": "parameter: {label} = {value} ({name}, {place})"},
    "x_reference": {"zh": "依据：{reference}", "en": "reference: {reference}"},
    "x_why_not": {"zh": "不成立的部分：", "en": "what is false:"},
    "x_matched": {"zh": "符合条件的 {n} 项：", "en": "{n} matching:"},
    "x_unmatched": {"zh": "不符合条件的 {n} 项：", "en": "{n} not matching:"},
    "x_because": {"zh": "{n} 项，因为", "en": "{n} of them, because"},
    "x_and_more": {"zh": "另有 {n} 项", "en": "and {n} more"},
    "x_finding": {"zh": "发现", "en": "finding"},
    "x_baseline_known": {"zh": "基线中已有，不使检查失败", "en": "in the baseline: does not fail the run"},
    "x_baseline_new": {"zh": "基线中没有，新出现", "en": "not in the baseline: new"},
    "x_ladder_title": {"zh": "退出机制（《意见》第7条）", "en": "escalation ladder (policy item 7)"},
    "x_history": {"zh": "监管记录（按日期）：", "en": "oversight history, by date:"},
    "x_no_history": {"zh": "没有监管记录，阶段为“正常”", "en": "no oversight history: the stage is normal"},
    "x_moved": {"zh": "→ {stage}", "en": "→ {stage}"},
    "x_not_moved": {"zh": "（阶段不变：{stage}）", "en": " (stage unchanged: {stage})"},
    "x_counted": {"zh": "计入的发现（未豁免的违规）：", "en": "findings that count (violations not waived):"},
    "x_counted_none": {"zh": "计入的发现：无", "en": "findings that count: none"},
    "x_not_counted": {"zh": "不计入：", "en": "not counted:"},
    "x_ladder_waived": {"zh": "已豁免", "en": "waived"},
    "x_ladder_severity": {"zh": "{severity}级别，只有违规参与推算", "en": "{severity}: only violations count"},
    "x_no_category": {"zh": "不属于退出机制的任何一类", "en": "in no ladder category"},
    "x_cited": {"zh": "{date} {entry}{doc}所列问题：", "en": "problems cited by the {entry} of {date}{doc}:"},
    "x_cited_none": {
        "zh": "{date} {entry}{doc}未列具体问题（有任何违规即视为问题仍存在）",
        "en": "the {entry} of {date}{doc} cites no specific problem (any violation counts as remaining)",
    },
    "x_remaining": {"zh": "仍存在", "en": "still found"},
    "x_resolved": {"zh": "已解决", "en": "resolved"},
    "x_inputs": {"zh": "推算依据：", "en": "what the next step rests on:"},
    "x_in_revocation": {"zh": "符合撤销团体会员资格的情形", "en": "a revocation case applies"},
    "x_counted_instead": {
        "zh": "（本规则属“{own}”；没有情节严重认定、不建议撤销时，至少按“活力不足”计）",
        "en": " (its rule's category is '{own}'; without a determination of seriousness revocation is not recommended, "
              "and it counts at least as lacking vitality)",
    },
    "x_in_determined": {"zh": "已记录条件成立后作出的情节严重认定", "en": "a determination of seriousness is recorded after the conditions arose"},
    "x_in_rect_trigger": {"zh": "有“履职不力、组织涣散”类问题", "en": "a poor-performance or lax-organisation finding"},
    "x_in_interview_trigger": {"zh": "有“内部治理不规范、活力不足”类问题", "en": "an irregular-governance or lacking-vitality finding"},
    "x_in_deadline_passed": {"zh": "整改期限已过", "en": "the rectification deadline has passed"},
    "x_in_remaining": {"zh": "所列问题仍有未解决的", "en": "some cited problem remains"},
    "x_in_improved": {"zh": "整改后有明显改进", "en": "markedly improved after rectification"},
    "x_in_early_close": {"zh": "期限届满前所列问题已全部解决并报送整改报告", "en": "all cited problems resolved and reported before the deadline"},
    "x_in_followup_passed": {"zh": "约谈后已超过观察期（interview_followup_days，推断）",
                             "en": "the follow-up period after the interview is over (interview_followup_days, an inference)"},
    "x_mode_either": {
        "zh": "（“年度评价连续两年C等次”或“长期不开展活动”之一成立即可，另须记录“情节严重”认定，revocation_mode: either）",
        "en": "(either condition suffices: grade C two years running, or long inactivity; a recorded determination of "
              "seriousness is needed besides; revocation_mode: either)",
    },
    "x_mode_both": {
        "zh": "（“年度评价连续两年C等次”和“长期不开展活动”须同时成立，另须记录“情节严重”认定，revocation_mode: both）",
        "en": "(both conditions are needed: grade C two years running and long inactivity; a recorded determination of "
              "seriousness is needed besides; revocation_mode: both)",
    },
    "x_decision": {"zh": "以上为检查建议，须经宁夏科协研究决定", "en": "a recommendation: the association decides"},
    "x_waivers_title": {"zh": "豁免", "en": "waivers"},
    "x_waivers_none": {"zh": "档案和豁免文件中都没有豁免", "en": "no waivers in the profile or the waiver file"},
    "x_waiver_applied": {"zh": "已豁免该发现（有效期至 {until}）", "en": "waives the finding (until {until})"},
    "x_waiver_expired": {"zh": "已于 {until} 过期，该发现照常计入", "en": "expired on {until}: the finding counts"},
    "x_waiver_pending": {
        "zh": "自 {on} 起生效，基准日尚未生效，该发现照常计入",
        "en": "in force from {on}, after the as-of date: the finding counts",
    },
    "x_waiver_superseded": {"zh": "另一条豁免已适用于该发现", "en": "another waiver already applies to the finding"},
    "x_waiver_not_waivable": {"zh": "规则 {rule} 不允许豁免，该豁免无效", "en": "rule {rule} cannot be waived: the waiver is rejected"},
    "x_waiver_unknown_rule": {"zh": "规则 {rule} 不存在，该豁免无效", "en": "there is no rule {rule}: the waiver is rejected"},
    "x_waiver_unused": {
        "zh": "没有对应的发现（规则 {rule} 未触发，或路径不符）",
        "en": "covers no finding (rule {rule} did not fire, or the path differs)",
    },
    "x_baseline": {"zh": "基线：{file}", "en": "baseline: {file}"},
    "x_errors": {"zh": "审查中的问题：", "en": "problems found while auditing:"},
    # compliance explain --format markdown: a reply to the society
    "xm_greeting": {
        "zh": "{name}：\n\n您好！现将贵会档案有关检查事项的依据（基准日 {as_of}）说明如下。",
        "en": "Dear {name},\n\nPlease find below the basis of the checks on your society's profile (as of {as_of}).",
    },
    "xm_rule_title": {"zh": "### {cn}、{title}", "en": "### {n}. {title}"},
    "xm_fired": {"zh": "**检查结论**：贵会档案反映的情况符合该项问题的认定条件。", "en": "**Finding**: the profile meets the conditions of this problem."},
    "xm_fired_waived": {"zh": "**检查结论**：贵会档案反映的情况符合该项问题的认定条件，但已按规定豁免（{note}）。",
                        "en": "**Finding**: the profile meets the conditions of this problem, but it is waived ({note})."},
    "xm_not_fired": {"zh": "**检查结论**：未发现该项问题。", "en": "**Finding**: this problem was not found."},
    "xm_not_in_force": {"zh": "**检查结论**：该项要求在基准日不适用，未作检查。", "en": "**Finding**: this requirement does not apply on the as-of date; not checked."},
    "xm_policy": {"zh": "**政策依据**：{clause}：“{quote}”", "en": "**Policy**: {clause}: “{quote}”"},
    "xm_basis": {"zh": "另据{basis}。", "en": " See also {basis}."},
    "xm_condition": {"zh": "**认定条件**：{condition}。", "en": "**Condition**: {condition}."},
    "xm_condition_each": {"zh": "**认定条件**（逐一核对每个{subject}）：{condition}。",
                          "en": "**Condition** (checked for each {subject}): {condition}."},
    "xm_checked": {"zh": "**核对情况**：", "en": "**What the profile shows**:"},
    "xm_why_not": {"zh": "**未认定的原因**：以下条件不成立——", "en": "**Why not**: these conditions are not met:"},
    "xm_leaf": {"zh": "- {label}：{value}{where}；条件“{condition}”：{state}",
                "en": "- {label}: {value}{where}; condition “{condition}”: {state}"},
    "xm_where": {"zh": "（档案第 {lines} 行）", "en": " (profile line {lines})"},
    "xm_where_missing": {"zh": "（档案中未填写）", "en": " (not in the profile)"},
    "xm_state_holds": {"zh": "符合", "en": "met"},
    "xm_state_fails": {"zh": "不符合", "en": "not met"},
    "xm_state_missing": {"zh": "档案中没有相应内容，视为不符合", "en": "not in the profile, so not met"},
    "xm_state_wanted_false": {"zh": "（该项要求此条件不成立）", "en": " (this requirement needs it false)"},
    "xm_threshold": {"zh": "  - 标准“{label}”为 {value}，依据：{reference}", "en": "  - The threshold “{label}” is {value}; it rests on: {reference}"},
    "xm_items": {"zh": "涉及的{subject}：", "en": "{subject} concerned:"},
    "xm_item": {"zh": "- {name}（档案第 {line} 行）", "en": "- {name} (profile line {line})"},
    "xm_groups": {"zh": "- {count}个{subject}{names}：{why}", "en": "- {count} {subject}{names}: {why}"},
    "xm_remedy": {"zh": "**整改建议**：{text}", "en": "**Remedy**: {text}"},
    "xm_ladder": {
        "zh": "**监管情况**：根据《意见》第7条的退出机制，贵会目前处于“{stage}”阶段；检查建议：{next}。以上建议须经宁夏科协研究决定。",
        "en": "**Supervision**: under the exit mechanism of policy item 7 your society is at the stage “{stage}”; the check recommends: {next}. The association decides on this recommendation.",
    },
    "xm_history": {"zh": "监管记录：", "en": "Oversight history:"},
    "xm_closing": {
        "zh": "以上说明依据贵会报送的档案作出。如档案内容与实际情况不符，请提供相关证明材料，我们将及时核实更正。",
        "en": "This explanation rests on the profile your society submitted. If it does not match the facts, please "
              "send us the supporting documents and we will check and correct it promptly.",
    },
    # the command line: suggestions, the config file and `compliance config`
    "cli_usage": {"zh": "用法：", "en": "Usage: "},
    "cli_heading": {"zh": "{name}：", "en": "{name}:"},
    "cli_try_help": {"zh": "运行 “{command}” 查看帮助和示例。", "en": "Try '{command}' for help and examples."},
    "cli_error": {"zh": "错误：{message}", "en": "Error: {message}"},
    "cli_aborted": {"zh": "已取消", "en": "Aborted"},
    "cli_at_least": {"zh": "不小于 {limit}", "en": "at least {limit}"},
    "cli_missing_argument": {"zh": "缺少参数 {name}", "en": "missing argument {name}"},
    "cli_missing_option": {"zh": "缺少选项 {name}", "en": "missing option {name}"},
    "cli_no_such_option": {"zh": "没有选项 {name}{hint}", "en": "no such option: {name}{hint}"},
    "cli_no_such_command": {"zh": "没有命令 “{name}”{hint}", "en": "no such command '{name}'{hint}"},
    "cli_bad_value": {"zh": "{name} 的取值无效：{message}", "en": "invalid value for {name}: {message}"},
    "cli_not_a_choice": {
        "zh": "“{value}” 不是可选的取值{hint}；可用：{choices}",
        "en": "'{value}' is not a choice{hint}; use one of: {choices}",
    },
    "report_option_near": {
        "zh": "--report {value}: 没有格式 “{fmt}”{hint}；应为 格式=文件，格式为 {formats}",
        "en": "--report {value}: no format '{fmt}'{hint}; expected FORMAT=FILE, FORMAT one of {formats}",
    },
    "c_unknown_key": {
        "zh": "未知的设置 “{key}”{hint}；可用：{keys}",
        "en": "unknown setting '{key}'{hint}; use one of: {keys}",
    },
    "c_not_mapping": {
        "zh": "配置文件的顶层必须是键值映射（如 fail_on: warning）",
        "en": "a config file holds a mapping at the top (such as fail_on: warning)",
    },
    "c_toml": {"zh": "TOML 语法错误：{detail}", "en": "TOML syntax error: {detail}"},
    "c_choice": {
        "zh": "取值无效：应为 {expected} 之一，实际是 {actual}{hint}",
        "en": "invalid value: expected one of {expected}, found {actual}{hint}",
    },
    "config_file": {"zh": "配置文件：{path}", "en": "config file: {path}"},
    "config_none": {
        "zh": "没有找到配置文件（从 {folder} 向上查找 compliance.yaml 或 pyproject.toml 的 [tool.compliance]）",
        "en": "no config file found (looked for compliance.yaml or [tool.compliance] in pyproject.toml from {folder} up)",
    },
    "source_default": {"zh": "默认值", "en": "default"},
    "source_env": {"zh": "环境变量 {name}", "en": "environment variable {name}"},
    "source_command_line": {"zh": "命令行", "en": "command line"},
    "value_none": {"zh": "（无）", "en": "(none)"},
    "value_cpus": {"zh": "CPU 核数（{n}）", "en": "the number of CPUs ({n})"},
    "value_builtin_rules": {"zh": "内置规则 {path}", "en": "the built-in rules {path}"},
    "value_builtin_issuer": {"zh": "内置的发文机关设置", "en": "the built-in issuer settings"},
    "examples": {"zh": "示例：", "en": "Examples:"},
}

# click's own words in `--help`, by their English text (cli/localise puts them in place before click renders).
CLICK: dict[str, str] = {
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "Show this message and exit.": "显示本帮助并退出",
    "env var": "环境变量",
    "default": "默认",
    "required": "必填",
}

# click's remaining English errors (the others are rebuilt from the exception, see cli/localise): a pattern for
# the whole message, and how each language says it.
CLICK_ERRORS: list[tuple[str, dict[str, str]]] = [
    (r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", {"zh": r"多余的参数：\1", "en": r"unexpected extra argument(s): \1"}),
    (r"Missing command\.", {"zh": "缺少命令", "en": "missing command"}),
    (r"Option '(.*)' requires an argument\.", {"zh": r"选项 \1 需要一个值", "en": r"option \1 needs a value"}),
    (r"Option '(.*)' requires (\d+) arguments\.", {"zh": r"选项 \1 需要 \2 个值", "en": r"option \1 needs \2 values"}),
    (r"Option '(.*)' does not take a value\.", {"zh": r"选项 \1 不带值", "en": r"option \1 takes no value"}),
    (r"'(.*)' is not a valid int(?:eger)?(?: range)?\.", {"zh": r"“\1” 不是整数", "en": r"'\1' is not a whole number"}),
    (r"'(.*)' is not a valid float(?: range)?\.", {"zh": r"“\1” 不是数字", "en": r"'\1' is not a number"}),
    (r"(.*) is not in the range x>=(\S+)\.", {"zh": r"\1 太小：应不小于 \2", "en": r"\1 is too small: at least \2"}),
    (r"(.*) is not in the range (.*)\.", {"zh": r"\1 不在范围 \2 内", "en": r"\1 is not in the range \2"}),
]

# The placeholder of an option's value or an argument in `--help` and usage lines, by the parameter's name.
METAVARS: dict[str, dict[str, str]] = {
    "as_of": {"zh": "日期", "en": "DATE"},
    "output": {"zh": "文件", "en": "FILE"},
    "reports": {"zh": "格式=文件", "en": "FORMAT=FILE"},
    "rules": {"zh": "目录", "en": "DIR"},
    "jobs": {"zh": "个数", "en": "N"},
    "exclude": {"zh": "模式", "en": "GLOB"},
    "waivers": {"zh": "文件", "en": "FILE"},
    "baseline": {"zh": "文件", "en": "FILE"},
    "changed_since": {"zh": "git版本", "en": "REV"},
    "issuer": {"zh": "文件", "en": "FILE"},
    "doc_no": {"zh": "序号", "en": "NUMBER"},
    "templates": {"zh": "目录", "en": "DIR"},
    "paths": {"zh": "路径", "en": "PATH"},
    "profile_path": {"zh": "档案", "en": "PROFILE"},
    "rule_id": {"zh": "规则编号", "en": "RULE"},
    "subject": {"zh": "对象", "en": "SUBJECT"},
    "directory": {"zh": "目录", "en": "DIR"},
    "rule_ids": {"zh": "规则编号", "en": "RULE"},
    "name": {"zh": "学会名称", "en": "NAME"},
    "workbook": {"zh": "工作簿.xlsx", "en": "WORKBOOK.xlsx"},
    "profile": {"zh": "档案", "en": "PROFILE"},
    "schema": {"zh": "模式", "en": "SCHEMA"},
    "last": {"zh": "上次报告.json", "en": "LAST.json"},
    "this": {"zh": "本次报告.json", "en": "THIS.json"},
    "stage": {"zh": "阶段", "en": "STAGE"},
    "next_step": {"zh": "下一步", "en": "STEP"},
    "society": {"zh": "档案编号", "en": "ID"},
    "rule": {"zh": "规则编号", "en": "RULE"},
    "skip_rule": {"zh": "规则编号", "en": "RULE"},
    "clause": {"zh": "条款", "en": "N"},
    "due_within": {"zh": "天数", "en": "DAYS"},
    # by type, for parameters not named above
    "<path>": {"zh": "路径", "en": "PATH"},
    "<int>": {"zh": "整数", "en": "N"},
    "<text>": {"zh": "文本", "en": "TEXT"},
    "[options]": {"zh": "[选项]", "en": "[OPTIONS]"},
    "command [args]...": {"zh": "命令 [参数]...", "en": "COMMAND [ARGS]..."},
}

# Two or three examples for each command's `--help` (command line, what it does).
EXAMPLES: dict[str, list[tuple[str, dict[str, str]]]] = {
    "": [
        ("compliance audit samples/ --as-of 2026-11-27", {"zh": "审查随附的示例档案", "en": "audit the bundled samples"}),
        ("compliance validate 档案目录/", {"zh": "只检查格式", "en": "check the format only"}),
        ("compliance audit --help", {"zh": "一个命令的帮助和示例", "en": "help and examples of one command"}),
    ],
    "audit": [
        ("compliance audit 宁夏计算机学会.yaml", {"zh": "审查一个学会，结果显示在终端", "en": "one society, in the terminal"}),
        ("compliance audit 档案目录/ -f html -o 年度审查.html", {"zh": "整个目录，写出 HTML 报告",
                                                          "en": "a whole folder, into an HTML report"}),
        ("compliance audit 档案目录/ -f compact | grep violation", {"zh": "每个发现一行，这里只看违规",
                                                               "en": "one line per finding; violations only"}),
    ],
    "validate": [
        ("compliance validate 宁夏计算机学会.yaml", {"zh": "检查一个档案的格式", "en": "check one profile"}),
        ("compliance validate 档案目录/ -q", {"zh": "检查整个目录，只显示错误", "en": "a whole folder, errors only"}),
    ],
    "schema": [
        ("compliance schema > profile.schema.json", {"zh": "档案的 JSON Schema，供编辑器提示",
                                                    "en": "the profile's JSON Schema, for editors"}),
        ("compliance schema --report > report.schema.json", {"zh": "JSON 报告的模式", "en": "the JSON report's schema"}),
    ],
    "letter": [
        ("compliance letter 宁夏农学会.yaml", {"zh": "按检查建议生成公文（HTML）", "en": "the letter the audit recommends (HTML)"}),
        ("compliance letter 宁夏林学会.yaml -f docx -o 通知.docx", {"zh": "Word 文档，便于编号、盖章",
                                                             "en": "a Word document, to number and seal"}),
        ("compliance letter 档案.yaml --kind interview --force", {"zh": "不按建议也生成（公文中注明）",
                                                             "en": "against the recommendation (the letter says so)"}),
    ],
    "rules": [
        ("compliance rules list", {"zh": "全部规则", "en": "every rule"}),
        ("compliance rules show GOV-OFFICER-AGE", {"zh": "一条规则的原文、条件和参数", "en": "one rule in words"}),
        ("compliance rules coverage", {"zh": "《意见》各条款对应的规则", "en": "the policy's items and their rules"}),
    ],
    "rules list": [
        ("compliance rules list", {"zh": "全部规则（表格）", "en": "every rule, as a table"}),
        ("compliance rules list -f json", {"zh": "JSON，供其他工具使用", "en": "as JSON, for other tools"}),
    ],
    "rules show": [
        ("compliance rules show GOV-OFFICER-AGE", {"zh": "原文、条件、参数和用到的事实", "en": "quote, condition, parameters, facts"}),
        ("compliance rules show GOV-OFFICER-AGE --lang en", {"zh": "英文", "en": "in English"}),
    ],
    "rules coverage": [
        ("compliance rules coverage", {"zh": "各条款的规则，以及无法核查的部分和理由",
                                       "en": "each item's rules, and what cannot be checked and why"}),
        ("compliance rules coverage -f json", {"zh": "JSON", "en": "as JSON"}),
    ],
    "rules fields": [
        ("compliance rules fields", {"zh": "规则条件可以使用的全部事实", "en": "every fact a condition may test"}),
        ("compliance rules fields branch", {"zh": "分支机构的事实", "en": "the facts of a branch"}),
    ],
    "rules test": [
        ("compliance rules test", {"zh": "运行 rules/tests/ 中的规则测试用例", "en": "run the fixtures in rules/tests/"}),
        ("compliance rules test 我的用例/ --rules 我的规则/", {"zh": "用自己的规则和用例",
                                                         "en": "your own rules and fixtures"}),
    ],
    "compare": [
        ("compliance compare 2025.json 2026.json", {"zh": "两次审查之间新出现、已整改、仍存在的问题",
                                                    "en": "new, resolved and remaining problems between two audits"}),
        ("compliance compare 2025.json 2026.json -f html -o 对比.html", {"zh": "写成 HTML", "en": "as HTML"}),
    ],
    "explain": [
        ("compliance explain samples/宁夏农学会.yaml", {"zh": "触发了的规则为什么触发", "en": "why the rules that fired did"}),
        ("compliance explain samples/宁夏农学会.yaml GOV-OFFICER-AGE", {"zh": "某条规则为什么没有触发",
                                                                      "en": "why one rule did not fire"}),
        ("compliance explain 档案.yaml PARTY-ORG-MISSING -f markdown -o 答复.md", {"zh": "写成可用于答复学会的文字",
                                                                                "en": "as text for a reply"}),
    ],
    "init": [
        ("compliance init 宁夏某某学会", {"zh": "写出待填写的 宁夏某某学会.yaml", "en": "write 宁夏某某学会.yaml to fill in"}),
        ("compliance init 宁夏某某学会 -o 档案/某某学会.yaml", {"zh": "写到指定的文件", "en": "to a file of your choice"}),
    ],
    "template": [
        ("compliance template 学会档案.xlsx", {"zh": "供填写的 Excel 工作簿", "en": "a workbook to fill in"}),
        ("compliance template 学会档案.xlsx --lang en", {"zh": "英文说明的工作簿", "en": "with English instructions"}),
    ],
    "import": [
        ("compliance import 学会档案.xlsx", {"zh": "填好的工作簿转成 学会档案.yaml", "en": "a filled-in workbook into 学会档案.yaml"}),
        ("compliance import 学会档案.xlsx -o 宁夏某某学会.yaml", {"zh": "写到指定的档案", "en": "into a profile of your choice"}),
    ],
    "export": [
        ("compliance export samples/宁夏计算机学会.yaml -o 计算机学会.xlsx", {"zh": "档案导出为工作簿",
                                                                         "en": "a profile into a workbook"}),
        ("compliance export 档案.yaml", {"zh": "写出同名的 档案.xlsx", "en": "write 档案.xlsx next to it"}),
    ],
    "config": [
        ("compliance config", {"zh": "显示生效的设置及来源", "en": "the settings in force and where each comes from"}),
        ("compliance config --lang en", {"zh": "英文", "en": "in English"}),
    ],
}


class OneOf(tuple):
    """Choices written as alternatives: 学会、协会 或 研究会 / 学会, 协会 or 研究会 (a plain tuple is a list: 、 only)."""


# A message with a `{hint}` slot gets it from a `near` (or `misspelt`) value: a name close to the wrong one.
_HINTS = {"near": "hint_near", "misspelt": "hint_misspelt"}


def t(key: str, lang: Lang = "zh", /, **values: object) -> str:
    """One message; a list or tuple value is written as an enumeration in the language (、 or ,), a `OneOf` as
    alternatives (A、B 或 C)."""
    entry = CATALOG[key]
    text = entry.get(lang) or entry["zh"]
    if not values:
        return text
    for name, hint in _HINTS.items():
        if name in values:
            values["hint"] = t(hint, lang, name=values[name]) if values[name] else ""
    values.setdefault("hint", "")  # a caller that knows no close name leaves the slot empty
    sep = None
    for name, value in values.items():
        if isinstance(value, list | tuple):
            sep = sep or t("enum_sep", lang)
            *head, last = value or ("",)
            if isinstance(value, OneOf) and head:
                values[name] = t("enum_or", lang, head=sep.join(map(str, head)), last=last)
            else:
                values[name] = sep.join(map(str, value))
    return text.format(**values)


def label(vocabulary: str, term: str, lang: Lang = "zh") -> str:
    """The name of a term of a vocabulary (`label("stage", "normal", "en")` is "normal")."""
    return pick(LABELS[vocabulary][term], lang)


def named(vocabulary: str, term: str, lang: Lang = "zh", also: str | None = None) -> str:
    """A term as a user may type it back: in Chinese its label with the term in brackets (“责令限期整改中（rectification）”),
    in English the term. A label of "—" gives way to the one in `also`."""
    if lang != "zh":
        return term
    text = label(vocabulary, term, lang)
    if text == "—" and also:
        text = label(also, term, lang)
    return text + paren(term, lang)


_SAFEGUARD = re.compile(r"保障措施\((.)\)")
_NUMERALS = "一二三四五六七八九十"


def clause_ref(clause: str, lang: Lang = "zh", cite: bool = False) -> str:
    """A clause of the policy as each language writes it: 第5条 / item 5, 保障措施(三) / safeguards (3); with
    `cite`, after the policy's short name: 《意见》第5条 / policy item 5. The one place clauses are written."""
    if clause.isdigit():
        ref = t("clause_item", lang, n=clause)
    elif (m := _SAFEGUARD.fullmatch(clause)) and m.group(1) in _NUMERALS:
        ref = t("clause_safeguard", lang, numeral=m.group(1), n=_NUMERALS.index(m.group(1)) + 1)
    else:
        ref = clause
    return t("clause_cite", lang, ref=ref) if cite else ref


def paren(text: str, lang: Lang = "zh") -> str:
    """`text` in brackets after what precedes it: （text） in Chinese, " (text)" in English."""
    return t("paren", lang, text=text)


def bilingual(text: str, lang: Lang) -> str:
    """One half of a text written `中文 / English` (command and option help): the one in `lang`; a text without
    " / " is the same in both."""
    zh, sep, en = text.partition(" / ")
    return pick({"zh": zh.strip(), "en": en.strip()}, lang) if sep else text


def pick(pair: Mapping[str, str], lang: Lang) -> str:
    """Choose the language from a {zh, en} pair, falling back to Chinese."""
    return pair.get(lang) or pair.get("zh") or next(iter(pair.values()), "")
