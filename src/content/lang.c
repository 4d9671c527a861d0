/*
 * lang.c: the words briefc writes, one table per language (see lang.h).
 * English keeps the words and forms it always had (Chicago's citation
 * words, "13 June 2023"). Korean and Chinese follow the conventions of
 * their reports: 목차, 표 1, 주:, 출처: and "2023년 6월 13일"; 目录, 表1,
 * 注：, 资料来源：, "第 1 页，共 3 页" and "2023年6月13日". Citations of the
 * English sources keep Chicago's order and punctuation; only the words
 * briefc adds (dates, "accessed", "et al.", "and", "no.") are the
 * language's. README.md lists every word of every table.
 */
#include "content/lang.h"

#include <string.h>

#include "base/buf.h"
#include "brief/brief.h"
#include "content/content.h"

static const doc_lang langs[BRIEF_N_LANGS] = {
    [BRIEF_LANG_EN] = {
        .code = "en",
        .contents = "Contents", .recommendations = "Recommendations", .sources = "Sources",
        .witness_list = "Witness List", .annex = "Annex {1}: ",
        .figure = "Figure {1}", .table = "Table {1}", .continued = "{1} (continued)",
        .note = "Note: ", .source = "Source: ", .sources_label = "Sources: ",
        .folio = "Page {1} of {2}", .folio_alone = "Page {1}", .doc_page = "{1}, p. {2}",
        .submitted = "Submitted: ",
        .weekdays = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                     "Saturday"},
        .hearing_day = "{1}, {2}", .comma = ", ", .draft = "DRAFT",
        .months = {"January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December"},
        .date_dmy = "{1} {2} {3}", .date_my = "{2} {3}", .date_y = "{3}",
        .and_two = " and ", .and_last = ", and ", .and_list = ", ", .et_al = "{1} et al.",
        .accessed = "accessed {1}", .accessed_entry = "Accessed {1}", .number = "no. {1}",
    },
    [BRIEF_LANG_KO] = {
        .code = "ko",
        .contents = "목차", .recommendations = "권고", .sources = "참고문헌",
        .witness_list = "증인 명단", .annex = "부록 {1}: ",
        .figure = "그림 {1}", .table = "표 {1}", .continued = "{1} (계속)",
        .note = "주: ", .source = "출처: ", .sources_label = "출처: ",
        /* As Korean forms number their pages: "3쪽 중 1쪽". */
        .folio = "{2}쪽 중 {1}쪽", .folio_alone = "{1}쪽", .doc_page = "{1}, {2}쪽",
        .submitted = "제출 문서: ",
        .weekdays = {"일요일", "월요일", "화요일", "수요일", "목요일", "금요일", "토요일"},
        .hearing_day = "{2} {1}", .comma = ", ", .draft = "초안",
        .months = {"1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월",
                   "11월", "12월"},
        .date_dmy = "{3}년 {2} {1}일", .date_my = "{3}년 {2}", .date_y = "{3}",
        /* 및, the formal "and" of Korean lists, takes no particle, so it
         * fits any name; a middle dot would run into an inverted name. */
        .and_two = " 및 ", .and_last = " 및 ", .and_list = ", ", .et_al = "{1} 외",
        .accessed = "검색일: {1}", .accessed_entry = "검색일: {1}", .number = "제{1}호",
    },
    [BRIEF_LANG_ZH_HANS] = {
        .code = "zh-Hans",
        .contents = "目录", .recommendations = "建议", .sources = "参考文献",
        .witness_list = "证人名单", .annex = "附录{1}：",
        .figure = "图{1}", .table = "表{1}", .continued = "{1}（续）",
        .note = "注：", .source = "资料来源：", .sources_label = "资料来源：",
        .folio = "第 {1} 页，共 {2} 页", .folio_alone = "第 {1} 页", .doc_page = "{1}，第 {2} 页",
        .submitted = "提交文件：",
        .weekdays = {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"},
        .hearing_day = "{2} {1}", .comma = "，", .draft = "草稿",
        .months = {"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月",
                   "11月", "12月"},
        .date_dmy = "{3}年{2}{1}日", .date_my = "{3}年{2}", .date_y = "{3}",
        /* The enumeration comma, as Chinese lists names. */
        .and_two = "、", .and_last = "、", .and_list = "、", .et_al = "{1}等",
        .accessed = "访问日期：{1}", .accessed_entry = "访问日期：{1}", .number = "第{1}号",
    },
    [BRIEF_LANG_ZH_HANT] = {
        .code = "zh-Hant",
        .contents = "目錄", .recommendations = "建議", .sources = "參考文獻",
        .witness_list = "證人名單", .annex = "附錄{1}：",
        .figure = "圖{1}", .table = "表{1}", .continued = "{1}（續）",
        .note = "註：", .source = "資料來源：", .sources_label = "資料來源：",
        .folio = "第 {1} 頁，共 {2} 頁", .folio_alone = "第 {1} 頁", .doc_page = "{1}，第 {2} 頁",
        .submitted = "提交文件：",
        .weekdays = {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"},
        .hearing_day = "{2} {1}", .comma = "，", .draft = "草稿",
        .months = {"1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月",
                   "11月", "12月"},
        .date_dmy = "{3}年{2}{1}日", .date_my = "{3}年{2}", .date_y = "{3}",
        .and_two = "、", .and_last = "、", .and_list = "、", .et_al = "{1}等",
        .accessed = "檢索日期：{1}", .accessed_entry = "檢索日期：{1}", .number = "第{1}號",
    },
};

const doc_lang *doc_lang_default(void)
{
    return &langs[BRIEF_LANG_EN];
}

const doc_lang *content_lang(brief_lang l)
{
    return (unsigned)l < BRIEF_N_LANGS ? &langs[l] : &langs[BRIEF_LANG_EN];
}

static char *fill(arena *a, const char *tmpl, const char *const *args, size_t n)
{
    buf b;
    buf_init(&b);
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            size_t i = (size_t)(p[1] - '1');
            if (i < n && args[i])
                buf_puts(&b, args[i]);
            p += 2;
        } else {
            buf_putc(&b, *p);
        }
    }
    char *s = b.len ? buf_to_arena(&b, a) : arena_strdup(a, "");
    buf_fini(&b);
    return s;
}

char *doc_lang_fill(arena *a, const char *tmpl, const char *a1, const char *a2)
{
    const char *args[2] = {a1, a2};
    return fill(a, tmpl, args, 2);
}

char *doc_lang_date(arena *a, const doc_lang *l, int year, int month, int day)
{
    char y[16], d[16];
    snprintf(y, sizeof y, "%d", year);
    snprintf(d, sizeof d, "%d", day);
    if (month < 1 || month > 12)
        return fill(a, l->date_y, (const char *const[]){NULL, NULL, y}, 3);
    const char *args[3] = {d, l->months[month - 1], y};
    return fill(a, day < 1 ? l->date_my : l->date_dmy, args, 3);
}
