//! One text normalisation for what every importer reads.
//!
//! Many published Chinese PDFs (and the web pages copied from them) spell
//! common characters with look-alike code points: Kangxi radicals (⼀ U+2F00
//! for 一, ⾏ for 行), the CJK Radicals Supplement (⻓ for 长, ⻔ for 门) and
//! CJK compatibility ideographs (U+F900–U+FAFF), with zero-width characters
//! in between. A reader sees the same text; nothing matches the official
//! labels, and what nianbao shows and renders would carry the odd code
//! points on. [`fold_display`] gives the text a reader sees (unified
//! ideographs, no zero-width characters); [`crate::layout::normalized_label`]
//! folds further for matching (full-width letters and digits, spaces).
//!
//! The tables are Unicode data: NFKC of the Kangxi radicals, NFC of the
//! compatibility ideographs and the Equivalent_Unified_Ideograph property
//! of the Radicals Supplement (which NFKC leaves alone but for two). A test
//! checks the first two against the `unicode-normalization` crate; the
//! tables keep that crate (and its large tables) out of the page's module.

use std::borrow::Cow;

/// The text as a reader sees it: radicals and compatibility ideographs as
/// their unified ideographs, zero-width characters removed. Borrowed when
/// nothing changes (pure ASCII, or no such character).
pub fn fold_display(s: &str) -> Cow<'_, str> {
    let Some(first) = first_folded(s) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    out.extend(s[first..].chars().filter_map(fold_char));
    Cow::Owned(out)
}

/// Where the first character [`fold_char`] changes is, looked for only at
/// the lead bytes its characters can start with: NUL (00), U+00AD (C2), U+200B–U+2FDF
/// (E2), U+F900–U+FAFF (EF A4–AB) and U+FEFF (EF BB), U+2F800… (F0). A
/// byte search (SIMD natively) finds those bytes: they are whole characters or
/// first bytes, so each is where a character starts. Full-width punctuation
/// (EF BC…, every few characters of Chinese prose, so scanned for as such:
/// [`crate::bytes::first_in`]) is passed by its second byte, without
/// decoding.
fn first_folded(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let folds_at = |i: usize| s[i..].chars().next().is_some_and(|c| fold_char(c) != Some(c));
    let rare = crate::bytes::each_of3(0x00, 0xC2, 0xF0, bytes).find(|&i| folds_at(i));
    let common = crate::bytes::first_in([0xE2, 0xEF], &bytes[..rare.unwrap_or(bytes.len())], |i| match bytes[i] {
        0xEF => matches!(bytes.get(i + 1), Some(0xA4..=0xAB | 0xBB)) && folds_at(i),
        _ => folds_at(i),
    });
    common.or(rare)
}

/// The length in bytes of the UTF-8 character whose first byte is `lead`:
/// scans of text step over a Chinese character at once, not byte by byte.
#[inline]
pub fn char_len(lead: u8) -> usize {
    match lead {
        0x00..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// [`fold_display`] in place, for a `String` that is already owned.
pub fn fold_string(s: &mut String) {
    if let Cow::Owned(folded) = fold_display(s) {
        *s = folded;
    }
}

/// One character as a reader sees it; `None` for a zero-width character,
/// a soft hyphen, or NUL (which a browser drops from a page's text, and
/// which would make an export of the report unreadable as text).
#[inline]
fn fold_char(c: char) -> Option<char> {
    let cp = c as u32;
    if cp < 0xAD {
        return (cp != 0).then_some(c);
    }
    let mapped = match cp {
        // Soft hyphen and zero-width characters: invisible, never meant.
        0xAD | 0x200B..=0x200D | 0x2060 | 0xFEFF => return None,
        0x2E80..=0x2EF3 => RADICALS_SUPPLEMENT[(cp - 0x2E80) as usize],
        0x2F00..=0x2FD5 => KANGXI_RADICALS[(cp - 0x2F00) as usize],
        0xF900..=0xFAFF => COMPATIBILITY[(cp - 0xF900) as usize],
        0x2F800..=0x2FA1F => COMPATIBILITY_SUPPLEMENT[(cp - 0x2F800) as usize],
        _ => return Some(c),
    };
    Some(if mapped == '\0' { c } else { mapped })
}

/// A character folded for matching labels: [`fold_char`], then full-width
/// ASCII letters and digits (Ａ, ０) as ASCII. Spaces are left to the caller.
#[inline]
pub fn fold_label_char(c: char) -> Option<char> {
    let c = fold_char(c)?;
    Some(match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    })
}

/// Whether a character is a space of any kind (ideographic, no-break, thin
/// …), for label matching where spaces never count.
#[inline]
pub fn is_any_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}')
}

/// U+2E80–U+2EF3 (CJK Radicals Supplement) → Equivalent_Unified_Ideograph
/// (Unicode's EquivalentUnifiedIdeograph.txt); `\0`: none.
const RADICALS_SUPPLEMENT: [char; 116] = [
    '\0', '厂', '乛', '乚', '乙', '亻', '冂', '𠘨', '刀', '刂', '卜', '㔾', '小', '小', '兀', '尣', '尢', '𡯂', '巳',
    '幺', '彑', '彐', '忄', '心', '扌', '攵', '\0', '旡', '日', '月', '歺', '母', '民', '氵', '氺', '灬', '爫', '爫',
    '丬', '牛', '犭', '王', '𤴔', '目', '示', '礻', '𥫗', '糹', '纟', '罓', '罒', '㓁', '冗', '𦉫', '羊', '𦍌', '𦍋',
    '耂', '肀', '聿', '肉', '𦥑', '艹', '艹', '艹', '虎', '衤', '覀', '西', '见', '角', '𧢲', '讠', '贝', '𧾷', '车',
    '辶', '辶', '辶', '邑', '钅', '長', '镸', '长', '门', '𨸏', '阝', '雨', '青', '韦', '页', '风', '飞', '食', '𩙿',
    '飠', '饣', '𩠐', '马', '骨', '鬼', '鱼', '鸟', '卤', '麦', '黄', '黾', '斉', '齐', '歯', '齿', '竜', '龙', '龜',
    '亀', '龟',
];

/// U+2F00–U+2FD5 (Kangxi Radicals) → their NFKC unified ideograph.
const KANGXI_RADICALS: [char; 214] = [
    '一', '丨', '丶', '丿', '乙', '亅', '二', '亠', '人', '儿', '入', '八', '冂', '冖', '冫', '几', '凵', '刀', '力',
    '勹', '匕', '匚', '匸', '十', '卜', '卩', '厂', '厶', '又', '口', '囗', '土', '士', '夂', '夊', '夕', '大', '女',
    '子', '宀', '寸', '小', '尢', '尸', '屮', '山', '巛', '工', '己', '巾', '干', '幺', '广', '廴', '廾', '弋', '弓',
    '彐', '彡', '彳', '心', '戈', '戶', '手', '支', '攴', '文', '斗', '斤', '方', '无', '日', '曰', '月', '木', '欠',
    '止', '歹', '殳', '毋', '比', '毛', '氏', '气', '水', '火', '爪', '父', '爻', '爿', '片', '牙', '牛', '犬', '玄',
    '玉', '瓜', '瓦', '甘', '生', '用', '田', '疋', '疒', '癶', '白', '皮', '皿', '目', '矛', '矢', '石', '示', '禸',
    '禾', '穴', '立', '竹', '米', '糸', '缶', '网', '羊', '羽', '老', '而', '耒', '耳', '聿', '肉', '臣', '自', '至',
    '臼', '舌', '舛', '舟', '艮', '色', '艸', '虍', '虫', '血', '行', '衣', '襾', '見', '角', '言', '谷', '豆', '豕',
    '豸', '貝', '赤', '走', '足', '身', '車', '辛', '辰', '辵', '邑', '酉', '釆', '里', '金', '長', '門', '阜', '隶',
    '隹', '雨', '靑', '非', '面', '革', '韋', '韭', '音', '頁', '風', '飛', '食', '首', '香', '馬', '骨', '高', '髟',
    '鬥', '鬯', '鬲', '鬼', '魚', '鳥', '鹵', '鹿', '麥', '麻', '黃', '黍', '黑', '黹', '黽', '鼎', '鼓', '鼠', '鼻',
    '齊', '齒', '龍', '龜', '龠',
];

/// U+F900–U+FAFF (CJK Compatibility Ideographs) → NFC; `\0`: unchanged.
const COMPATIBILITY: [char; 512] = [
    '豈', '更', '車', '賈', '滑', '串', '句', '龜', '龜', '契', '金', '喇', '奈', '懶', '癩', '羅', '蘿', '螺', '裸',
    '邏', '樂', '洛', '烙', '珞', '落', '酪', '駱', '亂', '卵', '欄', '爛', '蘭', '鸞', '嵐', '濫', '藍', '襤', '拉',
    '臘', '蠟', '廊', '朗', '浪', '狼', '郎', '來', '冷', '勞', '擄', '櫓', '爐', '盧', '老', '蘆', '虜', '路', '露',
    '魯', '鷺', '碌', '祿', '綠', '菉', '錄', '鹿', '論', '壟', '弄', '籠', '聾', '牢', '磊', '賂', '雷', '壘', '屢',
    '樓', '淚', '漏', '累', '縷', '陋', '勒', '肋', '凜', '凌', '稜', '綾', '菱', '陵', '讀', '拏', '樂', '諾', '丹',
    '寧', '怒', '率', '異', '北', '磻', '便', '復', '不', '泌', '數', '索', '參', '塞', '省', '葉', '說', '殺', '辰',
    '沈', '拾', '若', '掠', '略', '亮', '兩', '凉', '梁', '糧', '良', '諒', '量', '勵', '呂', '女', '廬', '旅', '濾',
    '礪', '閭', '驪', '麗', '黎', '力', '曆', '歷', '轢', '年', '憐', '戀', '撚', '漣', '煉', '璉', '秊', '練', '聯',
    '輦', '蓮', '連', '鍊', '列', '劣', '咽', '烈', '裂', '說', '廉', '念', '捻', '殮', '簾', '獵', '令', '囹', '寧',
    '嶺', '怜', '玲', '瑩', '羚', '聆', '鈴', '零', '靈', '領', '例', '禮', '醴', '隸', '惡', '了', '僚', '寮', '尿',
    '料', '樂', '燎', '療', '蓼', '遼', '龍', '暈', '阮', '劉', '杻', '柳', '流', '溜', '琉', '留', '硫', '紐', '類',
    '六', '戮', '陸', '倫', '崙', '淪', '輪', '律', '慄', '栗', '率', '隆', '利', '吏', '履', '易', '李', '梨', '泥',
    '理', '痢', '罹', '裏', '裡', '里', '離', '匿', '溺', '吝', '燐', '璘', '藺', '隣', '鱗', '麟', '林', '淋', '臨',
    '立', '笠', '粒', '狀', '炙', '識', '什', '茶', '刺', '切', '度', '拓', '糖', '宅', '洞', '暴', '輻', '行', '降',
    '見', '廓', '兀', '嗀', '\0', '\0', '塚', '\0', '晴', '\0', '\0', '凞', '猪', '益', '礼', '神', '祥', '福', '靖',
    '精', '羽', '\0', '蘒', '\0', '諸', '\0', '\0', '逸', '都', '\0', '\0', '\0', '飯', '飼', '館', '鶴', '郞', '隷',
    '侮', '僧', '免', '勉', '勤', '卑', '喝', '嘆', '器', '塀', '墨', '層', '屮', '悔', '慨', '憎', '懲', '敏', '既',
    '暑', '梅', '海', '渚', '漢', '煮', '爫', '琢', '碑', '社', '祉', '祈', '祐', '祖', '祝', '禍', '禎', '穀', '突',
    '節', '練', '縉', '繁', '署', '者', '臭', '艹', '艹', '著', '褐', '視', '謁', '謹', '賓', '贈', '辶', '逸', '難',
    '響', '頻', '恵', '𤋮', '舘', '\0', '\0', '並', '况', '全', '侀', '充', '冀', '勇', '勺', '喝', '啕', '喙', '嗢',
    '塚', '墳', '奄', '奔', '婢', '嬨', '廒', '廙', '彩', '徭', '惘', '慎', '愈', '憎', '慠', '懲', '戴', '揄', '搜',
    '摒', '敖', '晴', '朗', '望', '杖', '歹', '殺', '流', '滛', '滋', '漢', '瀞', '煮', '瞧', '爵', '犯', '猪', '瑱',
    '甆', '画', '瘝', '瘟', '益', '盛', '直', '睊', '着', '磌', '窱', '節', '类', '絛', '練', '缾', '者', '荒', '華',
    '蝹', '襁', '覆', '視', '調', '諸', '請', '謁', '諾', '諭', '謹', '變', '贈', '輸', '遲', '醙', '鉶', '陼', '難',
    '靖', '韛', '響', '頋', '頻', '鬒', '龜', '𢡊', '𢡄', '𣏕', '㮝', '䀘', '䀹', '𥉉', '𥳐', '𧻓', '齃', '龎', '\0',
    '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0',
    '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0',
];

/// U+2F800–U+2FA1F (CJK Compatibility Ideographs Supplement) → NFC; `\0`: unchanged.
const COMPATIBILITY_SUPPLEMENT: [char; 544] = [
    '丽', '丸', '乁', '𠄢', '你', '侮', '侻', '倂', '偺', '備', '僧', '像', '㒞', '𠘺', '免', '兔', '兤', '具', '𠔜',
    '㒹', '內', '再', '𠕋', '冗', '冤', '仌', '冬', '况', '𩇟', '凵', '刃', '㓟', '刻', '剆', '割', '剷', '㔕', '勇',
    '勉', '勤', '勺', '包', '匆', '北', '卉', '卑', '博', '即', '卽', '卿', '卿', '卿', '𠨬', '灰', '及', '叟', '𠭣',
    '叫', '叱', '吆', '咞', '吸', '呈', '周', '咢', '哶', '唐', '啓', '啣', '善', '善', '喙', '喫', '喳', '嗂', '圖',
    '嘆', '圗', '噑', '噴', '切', '壮', '城', '埴', '堍', '型', '堲', '報', '墬', '𡓤', '売', '壷', '夆', '多', '夢',
    '奢', '𡚨', '𡛪', '姬', '娛', '娧', '姘', '婦', '㛮', '㛼', '嬈', '嬾', '嬾', '𡧈', '寃', '寘', '寧', '寳', '𡬘',
    '寿', '将', '当', '尢', '㞁', '屠', '屮', '峀', '岍', '𡷤', '嵃', '𡷦', '嵮', '嵫', '嵼', '巡', '巢', '㠯', '巽',
    '帨', '帽', '幩', '㡢', '𢆃', '㡼', '庰', '庳', '庶', '廊', '𪎒', '廾', '𢌱', '𢌱', '舁', '弢', '弢', '㣇', '𣊸',
    '𦇚', '形', '彫', '㣣', '徚', '忍', '志', '忹', '悁', '㤺', '㤜', '悔', '𢛔', '惇', '慈', '慌', '慎', '慌', '慺',
    '憎', '憲', '憤', '憯', '懞', '懲', '懶', '成', '戛', '扝', '抱', '拔', '捐', '𢬌', '挽', '拼', '捨', '掃', '揤',
    '𢯱', '搢', '揅', '掩', '㨮', '摩', '摾', '撝', '摷', '㩬', '敏', '敬', '𣀊', '旣', '書', '晉', '㬙', '暑', '㬈',
    '㫤', '冒', '冕', '最', '暜', '肭', '䏙', '朗', '望', '朡', '杞', '杓', '𣏃', '㭉', '柺', '枅', '桒', '梅', '𣑭',
    '梎', '栟', '椔', '㮝', '楂', '榣', '槪', '檨', '𣚣', '櫛', '㰘', '次', '𣢧', '歔', '㱎', '歲', '殟', '殺', '殻',
    '𣪍', '𡴋', '𣫺', '汎', '𣲼', '沿', '泍', '汧', '洖', '派', '海', '流', '浩', '浸', '涅', '𣴞', '洴', '港', '湮',
    '㴳', '滋', '滇', '𣻑', '淹', '潮', '𣽞', '𣾎', '濆', '瀹', '瀞', '瀛', '㶖', '灊', '災', '灷', '炭', '𠔥', '煅',
    '𤉣', '熜', '𤎫', '爨', '爵', '牐', '𤘈', '犀', '犕', '𤜵', '𤠔', '獺', '王', '㺬', '玥', '㺸', '㺸', '瑇', '瑜',
    '瑱', '璅', '瓊', '㼛', '甤', '𤰶', '甾', '𤲒', '異', '𢆟', '瘐', '𤾡', '𤾸', '𥁄', '㿼', '䀈', '直', '𥃳', '𥃲',
    '𥄙', '𥄳', '眞', '真', '真', '睊', '䀹', '瞋', '䁆', '䂖', '𥐝', '硎', '碌', '磌', '䃣', '𥘦', '祖', '𥚚', '𥛅',
    '福', '秫', '䄯', '穀', '穊', '穏', '𥥼', '𥪧', '𥪧', '竮', '䈂', '𥮫', '篆', '築', '䈧', '𥲀', '糒', '䊠', '糨',
    '糣', '紀', '𥾆', '絣', '䌁', '緇', '縂', '繅', '䌴', '𦈨', '𦉇', '䍙', '𦋙', '罺', '𦌾', '羕', '翺', '者', '𦓚',
    '𦔣', '聠', '𦖨', '聰', '𣍟', '䏕', '育', '脃', '䐋', '脾', '媵', '𦞧', '𦞵', '𣎓', '𣎜', '舁', '舄', '辞', '䑫',
    '芑', '芋', '芝', '劳', '花', '芳', '芽', '苦', '𦬼', '若', '茝', '荣', '莭', '茣', '莽', '菧', '著', '荓', '菊',
    '菌', '菜', '𦰶', '𦵫', '𦳕', '䔫', '蓱', '蓳', '蔖', '𧏊', '蕤', '𦼬', '䕝', '䕡', '𦾱', '𧃒', '䕫', '虐', '虜',
    '虧', '虩', '蚩', '蚈', '蜎', '蛢', '蝹', '蜨', '蝫', '螆', '䗗', '蟡', '蠁', '䗹', '衠', '衣', '𧙧', '裗', '裞',
    '䘵', '裺', '㒻', '𧢮', '𧥦', '䚾', '䛇', '誠', '諭', '變', '豕', '𧲨', '貫', '賁', '贛', '起', '𧼯', '𠠄', '跋',
    '趼', '跰', '𠣞', '軔', '輸', '𨗒', '𨗭', '邔', '郱', '鄑', '𨜮', '鄛', '鈸', '鋗', '鋘', '鉼', '鏹', '鐕', '𨯺',
    '開', '䦕', '閷', '𨵷', '䧦', '雃', '嶲', '霣', '𩅅', '𩈚', '䩮', '䩶', '韠', '𩐊', '䪲', '𩒖', '頋', '頋', '頩',
    '𩖶', '飢', '䬳', '餩', '馧', '駂', '駾', '䯎', '𩬰', '鬒', '鱀', '鳽', '䳎', '䳭', '鵧', '𪃎', '䳸', '𪄅', '𪈎',
    '𪊑', '麻', '䵖', '黹', '黾', '鼅', '鼏', '鼖', '鼻', '𪘀', '\0', '\0',
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicals_read_as_the_ideographs_a_reader_sees() {
        assert_eq!(fold_display("⼀、总体情况"), "一、总体情况");
        assert_eq!(fold_display("本⾏政机关⽇常"), "本行政机关日常");
        assert_eq!(
            fold_display("⻓⻔⻅⻋⻜⻢⻄⻚⻛⻝⻩⻘⻆⻉⻥⻦⻬⻰⻳⺟"),
            "长门见车飞马西页风食黄青角贝鱼鸟齐龙龟母"
        );
        // A compatibility ideograph (U+F9DC 隆) and a zero-width space.
        assert_eq!(fold_display("\u{F9DC}\u{200B}重\u{FEFF}"), "隆重");
        assert_eq!(fold_display("1月\0\0\x001日"), "1月1日");
        // ⺀ (U+2E80) has no unified equivalent: kept.
        assert_eq!(fold_display("\u{2E80}"), "\u{2E80}");
    }

    #[test]
    fn first_folded_is_the_first_character_folding_changes() {
        let pieces = [
            "a",
            "é",
            "\u{ad}",
            "中",
            "，",
            "（",
            "\u{200b}",
            "\u{2060}",
            "⺁",
            "⼀",
            "\u{f900}",
            "\u{faff}",
            "\u{fa6e}",
            "\u{feff}",
            "\u{ff10}",
            "\u{fffd}",
            "𠀀",
            "\u{2f800}",
            "\u{2fa1d}",
            "\u{3000}",
            "。",
        ];
        let mut texts: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        for a in pieces {
            for b in pieces {
                texts.push(format!("{a}中文{b}x"));
                // Across the 64-byte chunks the marks are made in.
                for pad in 59..=64 {
                    texts.push(format!("{}{a}{b}", "a".repeat(pad)));
                    texts.push(format!("{}{a}，{b}", "，".repeat(pad / 3)));
                }
            }
        }
        for text in &texts {
            let expected = text.char_indices().find(|&(_, c)| fold_char(c) != Some(c)).map(|(i, _)| i);
            assert_eq!(first_folded(text), expected, "{text:?}");
        }
    }

    #[test]
    fn unchanged_text_is_borrowed() {
        assert!(matches!(fold_display("2025 年"), Cow::Borrowed(_)));
        assert!(matches!(fold_display("abc 123"), Cow::Borrowed(_)));
        assert!(matches!(fold_display("一、总体情况（１）"), Cow::Borrowed(_)));
        let mut s = "⼈民".to_string();
        fold_string(&mut s);
        assert_eq!(s, "人民");
    }

    #[test]
    fn labels_fold_full_width_letters_and_digits() {
        assert_eq!(fold_label_char('１'), Some('1'));
        assert_eq!(fold_label_char('Ｚ'), Some('Z'));
        assert_eq!(fold_label_char('ｑ'), Some('q'));
        assert_eq!(fold_label_char('（'), Some('（'));
        assert!(is_any_space('\u{3000}') && is_any_space('\u{A0}') && is_any_space('\u{200B}'));
    }

    /// The tables are the Unicode normalisations (checked against the crate).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn tables_agree_with_unicode_normalization() {
        use unicode_normalization::UnicodeNormalization;
        for cp in 0x2F00..=0x2FD5u32 {
            let c = char::from_u32(cp).unwrap();
            assert_eq!(fold_char(c).map(String::from), Some(c.to_string().nfkc().collect::<String>()), "{cp:X}");
        }
        for cp in (0xF900..=0xFAFFu32).chain(0x2F800..=0x2FA1F) {
            let c = char::from_u32(cp).unwrap();
            let nfc: String = c.to_string().nfc().collect();
            assert_eq!(fold_char(c).map(String::from), Some(nfc), "{cp:X}");
        }
    }
}
