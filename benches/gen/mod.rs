//! Seeded synthetic Arabic-name generator for the benchmarks (std only).
//!
//! Include it from a bench with
//!
//! ```ignore
//! #[path = "gen/mod.rs"]
//! mod synth; // `gen` is a reserved keyword in edition 2024: use another name or `r#gen`
//! use synth::Gen;
//! ```
//!
//! Everything is a deterministic function of the seed given to [`Gen::new`]:
//! the same seed gives the same names, clusters and text on every platform
//! (the PRNG is SplitMix64, no floating-point state is carried).
//!
//! * [`Gen::base_name`]: a realistic name of 1–3 parts: Arabic given names,
//!   family names and nisbas (with and without the article ال), transliterated
//!   foreign names, and synthetic foreign-looking names built from syllables.
//!   The lists alone give millions of combinations; the syllable names make the
//!   space practically unbounded, so a million distinct base names are easy.
//! * [`Gen::noisy`]: the same name with 1–2 realistic spelling edits
//!   (confusion-group swaps, long vowels, ة/ه, ى/ي, hamza seats, article,
//!   glued clitic, tatweel, haraka).
//! * [`Gen::names`] / [`Gen::labelled`]: `n` distinct spellings forming about
//!   `n / 3` clusters (1–5 spellings each), shuffled; `labelled` adds the gold
//!   cluster index.
//! * [`Gen::text`]: news-like running text with titled, clitic-glued and
//!   misspelt name mentions, for scanning benchmarks.
#![allow(dead_code)]

use std::collections::HashSet;

// ------------------------------------------------------------------ word lists

/// Arabic male given names (compound names such as عبد الله are one item).
#[rustfmt::skip]
const GIVEN_MALE: &[&str] = &[
    "محمد", "أحمد", "علي", "حسن", "حسين", "عمر", "عثمان", "خالد", "سعيد", "سعد",
    "يوسف", "إبراهيم", "إسماعيل", "موسى", "عيسى", "يحيى", "زكريا", "سليمان", "داود", "طارق",
    "ماجد", "فيصل", "فهد", "سلطان", "منصور", "ناصر", "جمال", "كمال", "هشام", "وليد",
    "رامي", "سامي", "كريم", "مصطفى", "محمود", "حمزة", "أنس", "بلال", "زياد", "نبيل",
    "عادل", "فؤاد", "رشيد", "مراد", "جعفر", "صالح", "صلاح", "طه", "ياسر", "ياسين",
    "عماد", "رياض", "سمير", "شريف", "شادي", "عصام", "غسان", "قاسم", "لؤي", "مازن",
    "معاذ", "نزار", "هاني", "وائل", "أيمن", "باسل", "تامر", "ثامر", "جابر", "حاتم",
    "حازم", "حامد", "حمدان", "خليل", "راشد", "زايد", "سالم", "سلمان", "ضياء", "ظافر",
    "عبد الله", "عبد الرحمن", "عبد العزيز", "عبد الكريم", "عبد الفتاح", "عبد الحميد",
    "عبد المجيد", "عبد الرحيم", "عبد القادر", "عبد اللطيف", "عبد الوهاب", "عبد الإله",
    "عبد السلام", "عبد الرزاق", "عبد الحليم", "عبد الغني",
    "نور الدين", "صلاح الدين", "عز الدين", "خير الدين", "بدر", "مهدي", "هادي", "مروان",
    "نضال", "إياد", "أسامة", "عمرو", "حسام", "مجدي", "شوقي", "فتحي", "رفعت", "توفيق",
    "عاطف", "منير", "نجيب", "أكرم", "أشرف", "إدريس", "بشير", "بشار", "جلال", "حافظ",
    "رضا", "زهير", "سيف", "شكري", "صابر", "عدنان", "عمار", "غازي", "فارس", "قيس",
    "لطفي", "محسن", "معتز", "نادر", "نعمان", "هيثم", "يزيد", "يونس", "أنور", "إسحاق",
    "يعقوب", "أيوب", "هارون", "نوح", "آدم", "إلياس", "مالك", "أنيس", "جميل", "حمدي",
    "رؤوف", "سامح", "شاكر", "صفوان", "ضرار", "طلال", "عاصم", "علاء", "غالب", "فراس",
    "كامل", "لقمان", "مؤمن", "نصر", "هلال", "وسام", "خليفة", "عقيلة", "مسعود", "الطاهر",
    "الهادي", "المنجي", "الحبيب", "العربي", "الصادق", "المختار",
];

/// Arabic female given names.
#[rustfmt::skip]
const GIVEN_FEMALE: &[&str] = &[
    "فاطمة", "عائشة", "خديجة", "مريم", "زينب", "نور", "ليلى", "سلمى", "هدى", "منى",
    "رانيا", "دينا", "سارة", "هند", "أمل", "رشا", "سمية", "سعاد", "نادية", "ياسمين",
    "لينا", "ريم", "جميلة", "حنان", "إيمان", "أسماء", "رقية", "آمنة", "حليمة", "سناء",
    "وفاء", "صفاء", "رحاب", "نجلاء", "غادة", "شيماء", "دعاء", "لمياء", "هالة", "عبير",
    "سهى", "رغد", "جنى", "لبنى", "ندى", "مها", "رزان", "تسنيم", "ميساء", "بسمة",
];

/// Family names and nisbas carrying the article ال.
#[rustfmt::skip]
const FAMILY_AL: &[&str] = &[
    "الحسيني", "الهاشمي", "القرشي", "التميمي", "العتيبي", "الشمري", "القحطاني", "الدوسري",
    "الزهراني", "الغامدي", "المطيري", "العنزي", "الحربي", "السبيعي", "الشهري", "البلوشي",
    "الكعبي", "المهيري", "النعيمي", "الظاهري", "المنصوري", "الراشد", "الخطيب", "النجار",
    "الحداد", "الصباغ", "الخياط", "العطار", "الحلبي", "الدمشقي", "البغدادي", "المصري",
    "الشامي", "المغربي", "التونسي", "الجزائري", "الليبي", "السوداني", "اليمني", "العراقي",
    "الكويتي", "البحريني", "القطري", "العماني", "الأردني", "الفلسطيني", "اللبناني",
    "الأنصاري", "الخزرجي", "الأموي", "العباسي", "الفاسي", "المراكشي", "الطرابلسي",
    "الصيداوي", "النابلسي", "الخليلي", "القدسي", "الحمصي", "الحموي", "الإدلبي", "الموصلي",
    "البصري", "الكوفي", "النجفي", "الكربلائي", "التكريتي", "الأنباري", "السامرائي",
    "الجبوري", "الدليمي", "العبيدي", "الزبيدي", "الشيباني", "البكري", "الصديقي", "الفاروقي",
    "العلوي", "الحسني", "الجعفري", "الكاظمي", "الصدر", "الحكيم", "السيستاني", "الخوئي",
    "البرزاني", "الطالباني", "الأسد", "الخطابي", "العثماني", "الريسوني", "الغنوشي",
    "السبسي", "المرزوقي", "الجبالي", "العريض", "الشاهد", "القذافي", "الدبيبة", "المشري",
    "السراج", "البشير", "البرهان", "الترابي", "المهدي", "الميرغني", "السيسي", "السادات",
    "البرادعي", "العربي", "الحريري", "الجميل", "الحوثي", "العليمي", "الزنداني", "الأحمر",
    "الشرع", "الجولاني", "البغدادي", "الظواهري", "الزرقاوي", "المقدسي", "الشريف", "الإدريسي",
    "السنوسي", "المنفي", "الثني", "الكبير", "الصغير", "الطويل", "العجمي", "الرفاعي",
    "الشاذلي", "الجيلاني", "النقشبندي", "القباني", "الرحباني", "الأطرش", "العظمة", "المعلم",
];

/// Family names without the article.
#[rustfmt::skip]
const FAMILY: &[&str] = &[
    "حداد", "نصار", "خوري", "حجازي", "شحادة", "عواد", "سلامة", "منصور", "عبود", "يعقوب",
    "جبران", "زيدان", "رزق", "عطية", "صبري", "عكاشة", "بركات", "شلبي", "درويش", "غنيم",
    "هيكل", "فرج", "عاشور", "سرحان", "قنديل", "شعبان", "رمضان", "عثمان", "حمدي", "رشدي",
    "بدوي", "حسنين", "أبو زيد", "أبو بكر", "أبو علي", "أبو شقرة", "أبو عمر", "أبو مازن",
    "بن سعيد", "بن يوسف", "بن علي", "بن كيران", "بن زايد", "بن سلمان", "آل ثاني", "آل سعود",
    "آل نهيان", "آل خليفة", "آل مكتوم", "آل الصباح", "حفتر", "مبارك", "مرسي", "نجيب",
    "ميقاتي", "السنيورة", "عون", "بري", "جنبلاط", "جعجع", "فرنجية", "نصر الله", "هنية",
    "مشعل", "عباس", "عرفات", "دحلان", "اشتية", "السنوار", "الضيف", "تبون", "بوتفليقة",
    "بلمادي", "أخنوش", "العثماني", "قيس سعيد", "سعيد", "شنقريحة", "حميدتي", "كباشي",
    "حمدوك", "مدبولي", "شكري", "عبد العاطي", "الصفدي", "الخصاونة", "الرزاز", "طوقان",
    "المجالي", "الفايز", "الرفاعي", "بدران", "قباني", "كنفاني", "درويش", "جبر", "خليل",
];

/// Transliterated foreign given names.
#[rustfmt::skip]
const FOREIGN_GIVEN: &[&str] = &[
    "دونالد", "جو", "إيمانويل", "فلاديمير", "أنطونيو", "أنجيلا", "أولاف", "ينس", "بوريس",
    "ريشي", "كير", "توني", "جورج", "بيل", "هيلاري", "كامالا", "نانسي", "مايك", "أنتوني",
    "جون", "ريتشارد", "ديفيد", "مارك", "جيمس", "روبرت", "ويليام", "مايكل", "ستيفن", "بيتر",
    "فرانسوا", "جاك", "نيكولا", "مارين", "جان", "بيير", "ميشيل", "كريستين", "أورسولا",
    "جوزيب", "شارل", "أوليفر", "إيلون", "جيف", "ستيف", "سيرغي", "ديمتري", "أليكسي",
    "فولوديمير", "رجب طيب", "هاكان", "مولود", "ناريندرا", "عمران", "شهباز", "تشارلز",
    "إليزابيث", "هاري", "كاثرين", "كريستيانو", "ليونيل", "نيمار", "كيليان", "إرلينغ",
    "لوكا", "روبرت", "كارلو", "بيب", "يورغن", "ماريو", "جورجيا", "ماتيو", "بيدرو", "خافيير",
    "لويس", "غابرييل", "ألكسندر", "أندريه", "إيغور", "يفغيني", "ألكسي", "بنيامين", "يائير",
    "نفتالي", "بيني", "يوآف", "إسحاق", "شمعون", "أرييل", "إيهود", "أفيغدور", "فيكتور",
    "سيباستيان", "مارتن", "توماس", "كلاوس", "هانز", "فرانك", "ولفغانغ", "غيرهارد", "هيلموت",
];

/// Transliterated foreign family names (politicians, officials, athletes...).
#[rustfmt::skip]
const FOREIGN_FAMILY: &[&str] = &[
    "غوتيريش", "ماكرون", "بوتين", "ستولتنبرغ", "ميركل", "شولتس", "بايدن", "ترامب", "أوباما",
    "بلينكن", "كيري", "كلينتون", "بومبيو", "سوناك", "جونسون", "ستارمر", "بلير", "كاميرون",
    "هولاند", "ساركوزي", "شيراك", "ميتران", "لوبان", "بارنييه", "أتال", "ميلوني", "دراغي",
    "برلسكوني", "رينزي", "سانشيز", "راخوي", "ثاباتيرو", "أردوغان", "داود أوغلو",
    "جاويش أوغلو", "فيدان", "زيلينسكي", "لافروف", "شويغو", "ميدفيديف", "بيسكوف", "نافالني",
    "لوكاشينكو", "مودي", "بوتو", "كيشيدا", "سوغا", "لولا دا سيلفا", "بولسونارو", "مادورو",
    "تشافيز", "كاسترو", "ميلي", "نتنياهو", "بينيت", "لابيد", "غانتس", "غالانت", "هرتسوغ",
    "بن غفير", "سموتريتش", "شارون", "رابين", "بيريز", "أولمرت", "ليبرمان", "فون دير لاين",
    "بوريل", "يونكر", "توسك", "أوربان", "كورتس", "روته", "ماسك", "بيزوس", "غيتس", "زوكربيرغ",
    "رونالدو", "ميسي", "مبابي", "هالاند", "بنزيما", "ليفاندوفسكي", "مودريتش", "أنشيلوتي",
    "غوارديولا", "كلوب", "مورينيو", "زيدان", "بلاتيني", "إنفانتينو", "بلاتر", "كوشنر",
    "هاليفي", "غرونبرغ", "بيدرسون", "دي ميستورا", "كوبيش", "باتيلي", "وليامز", "غريفيث",
    "بلاسخارت", "هوكشتاين", "ويتكوف", "روبيو", "هيغسيث", "فانس", "هاريس", "بيلوسي",
    "ماكونيل", "شومر", "أوستن", "سوليفان", "بيرنز", "راي", "غارلاند", "يلين", "باول",
    "لاغارد", "جورجيفا", "تيدروس", "غروسي", "أمانو", "البرادعي", "بان كي مون", "أنان",
];

/// Consonants for synthetic foreign-looking names.
#[rustfmt::skip]
const SYL_CONS: &[&str] = &[
    "ب", "ت", "د", "ر", "ز", "س", "ش", "ك", "ل", "م", "ن", "ف", "غ", "ج", "ق", "ه", "ط",
    "خ", "ف", "ك", "ل", "م", "ن", "ر", "ستر", "بر", "كر", "تر", "غر", "فل", "سك", "تش",
];

/// Vowel nuclei for synthetic names (empty = short vowel, not written).
const SYL_VOWEL: &[&str] = &["ا", "و", "ي", "", "", "ا", "ي", "و", "ي", "يو", "وا"];

/// Endings of synthetic foreign names.
#[rustfmt::skip]
const SYL_END: &[&str] = &[
    "", "", "", "ي", "ا", "وف", "يف", "سكي", "ان", "ون", "ين", "ر", "ز", "ت", "ل", "س", "نغ",
    "برغ", "يتش", "يان", "ينو", "يني", "يس", "وس", "ك", "م",
];

/// Titles that precede names in running text.
#[rustfmt::skip]
const TITLES: &[&str] = &[
    "الرئيس", "وزير الخارجية", "المشير", "الأمين العام", "رئيس الوزراء", "الملك", "الأمير",
    "الشيخ", "السيد", "الدكتور", "العقيد", "اللواء", "الفريق أول", "المبعوث الأممي",
    "وزير الدفاع", "السفير", "النائب", "ولي العهد", "الجنرال", "قائد الجيش", "وزير الداخلية",
    "رئيس البرلمان", "المتحدث باسم الحكومة", "المستشار", "الزعيم",
];

/// Nationality adjectives that may follow a title.
#[rustfmt::skip]
const NATIONALITIES: &[&str] = &[
    "الأمريكي", "الروسي", "الفرنسي", "الألماني", "البريطاني", "التركي", "المصري", "السعودي",
    "الإماراتي", "القطري", "الليبي", "السوري", "العراقي", "الأردني", "اللبناني", "الإيراني",
    "الصيني", "الأوكراني", "الإسرائيلي", "الفلسطيني", "التونسي", "الجزائري", "المغربي",
    "السوداني", "اليمني", "الإيطالي", "الإسباني",
];

/// Places (with their usual article).
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "القاهرة", "دمشق", "بغداد", "الرياض", "عمان", "بيروت", "طرابلس", "بنغازي", "تونس",
    "الجزائر", "الرباط", "الخرطوم", "صنعاء", "عدن", "الدوحة", "أبوظبي", "دبي", "الكويت",
    "المنامة", "مسقط", "غزة", "القدس", "رام الله", "واشنطن", "موسكو", "باريس", "برلين",
    "لندن", "أنقرة", "إسطنبول", "طهران", "بكين", "كييف", "جنيف", "نيويورك", "بروكسل",
    "روما", "مدريد", "فيينا", "الإسكندرية", "حلب", "الموصل", "البصرة", "مصراتة", "سرت",
];

/// Organisations.
#[rustfmt::skip]
const ORGS: &[&str] = &[
    "الأمم المتحدة", "حلف شمال الأطلسي", "الاتحاد الأوروبي", "جامعة الدول العربية",
    "الاتحاد الأفريقي", "مجلس الأمن", "البنك الدولي", "صندوق النقد الدولي",
    "منظمة الصحة العالمية", "مجلس التعاون الخليجي", "الوكالة الدولية للطاقة الذرية",
    "اللجنة الدولية للصليب الأحمر", "منظمة التعاون الإسلامي", "البرلمان الأوروبي",
];

/// Topics for the templates.
#[rustfmt::skip]
const TOPICS: &[&str] = &[
    "وقف إطلاق النار", "الأزمة الاقتصادية", "المفاوضات السياسية", "إعادة الإعمار",
    "الانتخابات المقبلة", "ملف اللاجئين", "التعاون الأمني", "أسعار النفط", "الاتفاق النووي",
    "المساعدات الإنسانية", "الحوار الوطني", "مكافحة الإرهاب", "العلاقات الثنائية",
    "الإصلاحات الدستورية", "تبادل الأسرى", "الأمن الغذائي", "التغير المناخي",
];

/// Days of the week, as they appear after يوم.
const DAYS: &[&str] = &[
    "السبت",
    "الأحد",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
];

/// Sentence templates: `{N}`/`{M}` name mentions (clitics ب و ل glued on
/// where the template writes them, e.g. `ب{M}`),
/// `{P}` place, `{O}` organisation, `{T}` topic, `{D}` day.
#[rustfmt::skip]
const TEMPLATES: &[&str] = &[
    "قال {N} في تصريح صحفي يوم {D} إن {O} تدعم {T}.",
    "أعلن {N} أن بلاده ستشارك في مؤتمر {T} الذي يعقد في {P} الأسبوع المقبل.",
    "والتقى {N} ب{M} في {P} لبحث {T}.",
    "وأشاد {N} بالدور الذي يقوم به {M} في {T}.",
    "واجتمع {N} و{M} في {P} يوم {D}.",
    "ورحب {O} ب{N} في أول زيارة له إلى {P}.",
    "وبعث {N} برسالة إلى {M} بشأن {T}.",
    "وقالت مصادر مقربة من {N} إن اللقاء مع {M} كان إيجابيا.",
    "وأكد المكتب الإعلامي ل{N} أن الزيارة ستتم في موعدها.",
    "من جهته، أكد {N} أن {T} يمثل أولوية قصوى للحكومة.",
    "وأضاف {N} أن الاتصالات مع {M} مستمرة من أجل {T}.",
    "ونقلت وكالة الأنباء الرسمية عن {N} قوله إن الوضع في {P} يتطلب تحركا عاجلا.",
    "وكان {N} قد دعا إلى عقد جلسة طارئة لمجلس الأمن بشأن {T}.",
    "واستقبل {N} في مقر {O} وفدا برئاسة {M}.",
    "وأشار المتحدث باسم {O} إلى أن {N} سيزور {P} يوم {D} المقبل.",
    "في المقابل، انتقد {N} تصريحات {M} حول {T}.",
    "وذكرت مصادر مطلعة أن {N} أجرى اتصالا هاتفيا مع {M} تناول {T}.",
    "وشدد {N} على ضرورة احترام سيادة {P} ووحدة أراضيها.",
    "كما بحث {N} مع {M} سبل تعزيز {T} بين البلدين.",
    "وفي {P}، تظاهر المئات تأييدا ل{N} ورفضا لسياسات {M}.",
    "وأفاد مراسلنا في {P} بأن {N} غادر الاجتماع دون الإدلاء بأي تصريح.",
    "ورحب {O} بالمبادرة التي أطلقها {N} بشأن {T}.",
    "وقال {N} لقناة محلية إنه لن يلتقي {M} قبل التوصل إلى اتفاق بشأن {T}.",
    "وتوجه {N} إلى {P} على رأس وفد رفيع المستوى.",
];

// ------------------------------------------------------------------ letters

/// Letters that are confused with one another in real spellings.
const CONFUSION_GROUPS: &[&[char]] = &[
    &['ح', 'ه', 'خ'],
    &['ت', 'ط', 'ث'],
    &['د', 'ذ', 'ض', 'ظ'],
    &['س', 'ص', 'ش'],
    &['ق', 'ك', 'غ', 'ج'],
    &['ب', 'پ'],
    &['ف', 'ڤ'],
    &['ع', 'ء', 'ا'],
];

/// Long vowels that get inserted or dropped.
const LONG_VOWELS: &[char] = &['ا', 'و', 'ي'];

/// Harakat occasionally written on a letter.
const HARAKAT: &[char] = &['\u{064E}', '\u{064F}', '\u{0650}', '\u{0652}', '\u{0651}'];

/// Tatweel (kashida).
const TATWEEL: char = '\u{0640}';

/// Letters that do not join to the following letter (no tatweel after them).
const NON_JOINING: &[char] = &[
    'ا', 'أ', 'إ', 'آ', 'د', 'ذ', 'ر', 'ز', 'و', 'ؤ', 'ة', 'ء', 'ى',
];

/// Alef and its hamza seats.
const ALEFS: &[char] = &['ا', 'أ', 'إ'];

/// Is `c` an Arabic letter (not a space, mark or tatweel)?
fn is_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | 'پ' | 'ڤ')
}

// ------------------------------------------------------------------ generator

/// Seeded generator of names, noisy spellings, clusters and running text.
#[derive(Clone, Debug)]
pub struct Gen {
    state: u64,
}

impl Gen {
    /// A generator whose whole output is determined by `seed`.
    pub fn new(seed: u64) -> Gen {
        Gen { state: seed }
    }

    // -------------------------------------------------------------- PRNG

    /// Next 64 random bits (SplitMix64).
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform integer in `0..n` (`n > 0`), by multiply-shift.
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform integer in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `num / den`.
    pub fn chance(&mut self, num: u32, den: u32) -> bool {
        self.below(den as usize) < num as usize
    }

    /// A uniformly chosen element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// A uniformly chosen word of a non-empty word list.
    pub fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }

    /// Shuffle in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }

    // -------------------------------------------------------------- names

    /// A synthetic foreign-looking word: 2–4 consonant + long-vowel syllables
    /// and a typical ending (e.g. كاروليني, ستريبوف, مانوسكي).
    pub fn synthetic_word(&mut self) -> String {
        let syllables = if self.chance(2, 3) { 2 } else { 3 };
        let mut s = String::new();
        for i in 0..syllables {
            s.push_str(self.word(SYL_CONS));
            // a short (unwritten) vowel is not allowed to end the stem
            let v = self.word(SYL_VOWEL);
            if !(v.is_empty() && i + 1 == syllables) {
                s.push_str(v);
            }
        }
        let end = self.word(SYL_END);
        // no two vowel letters across the join (كوداتشا + ا)
        let stem_vowel = s.ends_with(LONG_VOWELS);
        if !(stem_vowel && end.starts_with(LONG_VOWELS)) {
            s.push_str(end);
        }
        s
    }

    /// An Arabic given name (male four times out of five).
    fn given(&mut self) -> String {
        let list = if self.chance(4, 5) {
            GIVEN_MALE
        } else {
            GIVEN_FEMALE
        };
        self.word(list).to_string()
    }

    /// An Arabic family part: a family name, a nisba with ال, or (rarely) a
    /// synthetic nisba such as الكاروني.
    fn family_part(&mut self) -> String {
        match self.below(10) {
            0..=4 => self.word(FAMILY_AL).to_string(),
            5..=8 => self.word(FAMILY).to_string(),
            _ => format!("ال{}ي", self.synthetic_word().trim_end_matches(['ي', 'ا'])),
        }
    }

    /// A realistic Arabic-script name of 1–3 parts.
    ///
    /// Mixes Arabic names (given + father + family/nisba), transliterated
    /// foreign names and synthetic foreign names. The list combinations alone
    /// exceed a million distinct names; with the synthetic words the space is
    /// practically unbounded.
    pub fn base_name(&mut self) -> String {
        let parts: Vec<String> = match self.below(100) {
            // single part
            0..=2 => vec![self.given()],
            3..=5 => vec![self.family_part()],
            6..=9 => vec![self.word(FOREIGN_FAMILY).to_string()],
            10..=13 => vec![self.synthetic_word()],
            // two parts
            14..=37 => vec![self.given(), self.family_part()],
            // given name + father's name
            38..=45 => vec![self.given(), self.word(GIVEN_MALE).to_string()],
            46..=57 => vec![
                self.word(FOREIGN_GIVEN).to_string(),
                self.word(FOREIGN_FAMILY).to_string(),
            ],
            58..=67 => vec![self.word(FOREIGN_GIVEN).to_string(), self.synthetic_word()],
            68..=71 => vec![self.synthetic_word(), self.synthetic_word()],
            // three parts
            72..=93 => vec![
                self.given(),
                self.word(GIVEN_MALE).to_string(),
                self.family_part(),
            ],
            _ => vec![
                self.word(FOREIGN_GIVEN).to_string(),
                self.synthetic_word(),
                self.word(FOREIGN_FAMILY).to_string(),
            ],
        };
        parts.join(" ")
    }

    /// `base` with 1–2 realistic spelling edits; never equal to `base`
    /// (for a name with at least one Arabic letter).
    ///
    /// Edits: swap within a confusion group (ح/ه/خ, ت/ط/ث, د/ذ/ض/ظ, س/ص/ش,
    /// ق/ك/غ/ج, ب/پ, ف/ڤ, ع/ء/ا), insert or drop a long vowel ا و ي, final
    /// ة↔ه, final ى↔ي, hamza seat أ/إ/ا, add or drop the article ال, glue a
    /// clitic و or ب, add a tatweel or a haraka.
    pub fn noisy(&mut self, base: &str) -> String {
        let orig: Vec<char> = base.chars().collect();
        if !orig.iter().any(|&c| is_letter(c)) {
            return base.to_string();
        }
        for _attempt in 0..64 {
            let mut s = orig.clone();
            let edits = if self.chance(2, 3) { 1 } else { 2 };
            let mut done = 0;
            let mut tries = 0;
            while done < edits && tries < 64 {
                tries += 1;
                if self.edit(&mut s) {
                    done += 1;
                }
            }
            if done > 0 && s != orig {
                return s.into_iter().collect();
            }
        }
        // Unreachable in practice: a tatweel or haraka always applies.
        let mut s = base.to_string();
        s.push('\u{064E}');
        s
    }

    /// Apply one random edit to `s`; false if the chosen edit did not apply.
    fn edit(&mut self, s: &mut Vec<char>) -> bool {
        match self.below(100) {
            0..=33 => self.edit_confusion(s),
            34..=55 => self.edit_long_vowel(s),
            56..=62 => edit_final(s, 'ة', 'ه'),
            63..=67 => edit_final(s, 'ى', 'ي'),
            68..=75 => self.edit_hamza(s),
            76..=83 => self.edit_article(s),
            84..=89 => self.edit_clitic(s),
            90..=94 => self.edit_tatweel(s),
            _ => self.edit_haraka(s),
        }
    }

    /// Replace a letter by another member of its confusion group.
    fn edit_confusion(&mut self, s: &mut [char]) -> bool {
        let candidates: Vec<usize> = (0..s.len())
            .filter(|&i| {
                CONFUSION_GROUPS.iter().any(|g| g.contains(&s[i]))
                    // alef is swapped (with ء or ع) only word-finally, as in
                    // سناء/سنا; a word-initial alef is the hamza edit's business
                    && (s[i] != 'ا' || word_end(s, i) && !word_start(s, i))
                    // a medial hamza on the line is rare: only ء at the end
                    && (s[i] != 'ء' || word_end(s, i))
            })
            .collect();
        if candidates.is_empty() {
            return false;
        }
        let i = *self.pick(&candidates);
        let group = CONFUSION_GROUPS
            .iter()
            .find(|g| g.contains(&s[i]))
            .expect("group");
        let others: Vec<char> = group
            .iter()
            .copied()
            // ء is only ever written word-finally here
            .filter(|&c| c != s[i] && (c != 'ء' || word_end(s, i)))
            .collect();
        s[i] = *self.pick(&others);
        true
    }

    /// Insert a long vowel after a letter, or drop a non-initial long vowel.
    fn edit_long_vowel(&mut self, s: &mut Vec<char>) -> bool {
        if self.chance(1, 2) {
            // insert after a consonant that is not followed by a long vowel
            let candidates: Vec<usize> = (0..s.len())
                .filter(|&i| {
                    is_letter(s[i])
                        && !LONG_VOWELS.contains(&s[i])
                        && s.get(i + 1).is_none_or(|c| !LONG_VOWELS.contains(c))
                })
                .collect();
            if candidates.is_empty() {
                return false;
            }
            let i = *self.pick(&candidates);
            let v = *self.pick(LONG_VOWELS);
            s.insert(i + 1, v);
            true
        } else {
            let candidates: Vec<usize> = (0..s.len())
                .filter(|&i| {
                    LONG_VOWELS.contains(&s[i]) && !word_start(s, i) && word_len(s, i) >= 4
                })
                .collect();
            if candidates.is_empty() {
                return false;
            }
            let i = *self.pick(&candidates);
            s.remove(i);
            true
        }
    }

    /// Change the hamza seat of an alef: word-initial ا/أ/إ, or medial أ→ا.
    fn edit_hamza(&mut self, s: &mut [char]) -> bool {
        let candidates: Vec<usize> = (0..s.len())
            .filter(|&i| ALEFS.contains(&s[i]) && (word_start(s, i) || s[i] == 'أ'))
            .collect();
        if candidates.is_empty() {
            return false;
        }
        let i = *self.pick(&candidates);
        let others: Vec<char> = ALEFS.iter().copied().filter(|&c| c != s[i]).collect();
        s[i] = *self.pick(&others);
        true
    }

    /// Drop the article of a word that has one, or add it to one that lacks it.
    fn edit_article(&mut self, s: &mut Vec<char>) -> bool {
        let starts = word_starts(s);
        let with: Vec<usize> = starts
            .iter()
            .copied()
            .filter(|&i| has_article(s, i) && word_len(s, i) >= 5)
            .collect();
        let without: Vec<usize> = starts
            .iter()
            .copied()
            .filter(|&i| {
                !has_article(s, i)
                    && word_len(s, i) >= 3
                    && !word_is(s, i, "عبد")
                    && !word_is(s, i, "أبو")
                    && !word_is(s, i, "بن")
                    && !word_is(s, i, "آل")
            })
            .collect();
        if !with.is_empty() && (without.is_empty() || self.chance(1, 2)) {
            let i = *self.pick(&with);
            s.drain(i..i + 2);
            true
        } else if !without.is_empty() {
            let i = *self.pick(&without);
            // the last word is the usual place for a nisba's article
            let i = if self.chance(1, 2) {
                *without.last().expect("non-empty")
            } else {
                i
            };
            s.splice(i..i, ['ا', 'ل']);
            true
        } else {
            false
        }
    }

    /// Glue a clitic و or ب to the first word.
    fn edit_clitic(&mut self, s: &mut Vec<char>) -> bool {
        let Some(i) = (0..s.len()).find(|&i| is_letter(s[i])) else {
            return false;
        };
        let c = if self.chance(1, 2) { 'و' } else { 'ب' };
        s.insert(i, c);
        true
    }

    /// Insert a tatweel after a joining letter that is followed by a letter.
    fn edit_tatweel(&mut self, s: &mut Vec<char>) -> bool {
        let candidates: Vec<usize> = (0..s.len().saturating_sub(1))
            .filter(|&i| is_letter(s[i]) && !NON_JOINING.contains(&s[i]) && is_letter(s[i + 1]))
            .collect();
        if candidates.is_empty() {
            return false;
        }
        let i = *self.pick(&candidates);
        let n = if self.chance(1, 4) { 2 } else { 1 };
        for _ in 0..n {
            s.insert(i + 1, TATWEEL);
        }
        true
    }

    /// Put a haraka on a letter that has none.
    fn edit_haraka(&mut self, s: &mut Vec<char>) -> bool {
        let candidates: Vec<usize> = (0..s.len())
            .filter(|&i| is_letter(s[i]) && s.get(i + 1).is_none_or(|c| !HARAKAT.contains(c)))
            .collect();
        if candidates.is_empty() {
            return false;
        }
        let i = *self.pick(&candidates);
        let h = *self.pick(HARAKAT);
        s.insert(i + 1, h);
        true
    }

    // -------------------------------------------------------------- clusters

    /// `n` distinct names forming about `n / 3` clusters (1–5 spellings each:
    /// the base name and/or noisy variants of it), shuffled.
    pub fn names(&mut self, n: usize) -> Vec<String> {
        self.labelled(n).into_iter().map(|(s, _)| s).collect()
    }

    /// Like [`Gen::names`], with the index of the base name each spelling came
    /// from (the gold cluster; indices are `0..clusters`, dense).
    ///
    /// All spellings are distinct, and base names are distinct, so the gold
    /// is unambiguous. A variant that collides with an earlier spelling is
    /// dropped, so a cluster may come out smaller than drawn.
    pub fn labelled(&mut self, n: usize) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::with_capacity(n);
        let mut seen: HashSet<String> = HashSet::with_capacity(n * 2);
        let mut bases: HashSet<String> = HashSet::with_capacity(n / 2);
        let mut cluster = 0usize;
        while out.len() < n {
            let base = self.base_name();
            if !bases.insert(base.clone()) || seen.contains(&base) {
                continue;
            }
            let size = self.range(1, 5).min(n - out.len());
            let mut members = 0;
            // the base spelling itself is one of the spellings half of the time
            if self.chance(1, 2) {
                seen.insert(base.clone());
                out.push((base.clone(), cluster));
                members += 1;
            }
            let mut tries = 0;
            while members < size && tries < 4 * size {
                tries += 1;
                let v = self.noisy(&base);
                if bases.contains(&v) || !seen.insert(v.clone()) {
                    continue;
                }
                out.push((v, cluster));
                members += 1;
            }
            if members > 0 {
                cluster += 1;
            }
        }
        self.shuffle(&mut out);
        out
    }

    // -------------------------------------------------------------- text

    /// A name mention: sometimes titled, sometimes surname only, sometimes a
    /// noisy spelling.
    fn mention(&mut self, person: &(String, String)) -> String {
        let (title, name) = person;
        let mut name = name.clone();
        if self.chance(1, 4) {
            if let Some(last) = name.rsplit(' ').next() {
                name = last.to_string();
            }
        }
        if self.chance(1, 3) {
            name = self.noisy(&name);
        }
        if !title.is_empty() && self.chance(2, 3) {
            format!("{title} {name}")
        } else {
            name
        }
    }

    /// Arabic news-like running text of about `bytes` bytes (at least
    /// `bytes`, overshooting by less than one sentence).
    ///
    /// Sentences come from templates with common words (قال، أعلن، في، من،
    /// إلى، الرئيس، وزير الخارجية، المشير، الأمين العام...). A cast of about
    /// 60 people recurs throughout, with titles, glued clitics (بالرئيس،
    /// للمشير، وبوتين) and noisy
    /// spellings, so that one person appears under several spellings.
    /// Paragraphs of 3–6 sentences are separated by a blank line.
    pub fn text(&mut self, bytes: usize) -> String {
        let cast: Vec<(String, String)> = (0..60)
            .map(|_| {
                let mut title = String::new();
                if self.chance(3, 4) {
                    title.push_str(self.word(TITLES));
                    if self.chance(1, 2) {
                        title.push(' ');
                        title.push_str(self.word(NATIONALITIES));
                    }
                }
                (title, self.base_name())
            })
            .collect();
        let mut out = String::with_capacity(bytes + 256);
        let mut in_para = 0;
        let mut para_len = self.range(3, 6);
        while out.len() < bytes {
            let tpl = self.word(TEMPLATES);
            let mut sentence = String::with_capacity(tpl.len() + 64);
            let mut rest = tpl;
            while let Some(open) = rest.find('{') {
                sentence.push_str(&rest[..open]);
                let key = &rest[open + 1..open + 2];
                rest = &rest[open + 3..];
                let piece = match key {
                    "N" | "M" => {
                        let who = self.below(cast.len());
                        let person = cast[who].clone();
                        let m = self.mention(&person);
                        // a template's glued clitic ل before the article: ل + الرئيس = للرئيس
                        if sentence.ends_with(" ل") && m.starts_with("ال") {
                            m['ا'.len_utf8()..].to_string()
                        } else {
                            m
                        }
                    }
                    "P" => self.word(PLACES).to_string(),
                    "O" => self.word(ORGS).to_string(),
                    "T" => self.word(TOPICS).to_string(),
                    _ => self.word(DAYS).to_string(),
                };
                sentence.push_str(&piece);
            }
            sentence.push_str(rest);
            if !out.is_empty() {
                out.push_str(if in_para == 0 { "\n\n" } else { " " });
            }
            out.push_str(&sentence);
            in_para += 1;
            if in_para == para_len {
                in_para = 0;
                para_len = self.range(3, 6);
            }
        }
        out
    }
}

// ------------------------------------------------------------------ helpers

/// Does position `i` start a word (first char, or after a space)?
fn word_start(s: &[char], i: usize) -> bool {
    i == 0 || s[i - 1] == ' '
}

/// Does position `i` end a word (last char, or before a space)?
fn word_end(s: &[char], i: usize) -> bool {
    i + 1 == s.len() || s[i + 1] == ' '
}

/// Start positions of the words of `s`.
fn word_starts(s: &[char]) -> Vec<usize> {
    (0..s.len())
        .filter(|&i| s[i] != ' ' && word_start(s, i))
        .collect()
}

/// Length (in chars) of the word containing position `i`.
fn word_len(s: &[char], i: usize) -> usize {
    let start = (0..=i).rev().find(|&j| word_start(s, j)).unwrap_or(0);
    s[start..].iter().take_while(|&&c| c != ' ').count()
}

/// Does the word starting at `i` begin with the article ال?
fn has_article(s: &[char], i: usize) -> bool {
    s.get(i) == Some(&'ا') && s.get(i + 1) == Some(&'ل')
}

/// Is the word starting at `i` exactly `w`?
fn word_is(s: &[char], i: usize, w: &str) -> bool {
    let word: String = s[i..].iter().take_while(|&&c| c != ' ').collect();
    word == w
}

/// Swap a word-final `a` with `b` (either way) in one randomly placed word:
/// the first word whose last letter is `a` or `b`, scanning from the end.
fn edit_final(s: &mut [char], a: char, b: char) -> bool {
    for i in (0..s.len()).rev() {
        let end = i + 1 == s.len() || s[i + 1] == ' ';
        if !end || word_len(s, i) < 3 {
            continue;
        }
        if s[i] == a {
            s[i] = b;
            return true;
        }
        if s[i] == b {
            s[i] = a;
            return true;
        }
    }
    false
}

// ------------------------------------------------------------------ tests

#[cfg(test)]
mod tests {
    // A bench target with `harness = false` compiles this module with
    // cfg(test) but drops the #[test] functions, leaving the imports unused.
    #[allow(unused_imports)]
    use super::*;
    #[allow(unused_imports)]
    use std::collections::HashMap;

    /// Levenshtein distance over chars.
    fn lev(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                let sub = prev[j] + usize::from(ca != cb);
                cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn deterministic_for_a_seed() {
        let (mut a, mut b) = (Gen::new(7), Gen::new(7));
        assert_eq!(a.labelled(2_000), b.labelled(2_000));
        assert_eq!(a.text(20_000), b.text(20_000));
        let base = a.base_name();
        assert_eq!(base, b.base_name());
        assert_eq!(a.noisy(&base), b.noisy(&base));
        assert_ne!(Gen::new(1).names(100), Gen::new(2).names(100));
    }

    #[test]
    fn sizes_and_distinctness() {
        for n in [0, 1, 2, 10, 999, 5_000] {
            let rows = Gen::new(3).labelled(n);
            assert_eq!(rows.len(), n);
            let distinct: HashSet<&str> = rows.iter().map(|(s, _)| s.as_str()).collect();
            assert_eq!(distinct.len(), n, "names must be distinct");
        }
        let rows = Gen::new(11).labelled(30_000);
        let clusters: HashSet<usize> = rows.iter().map(|&(_, c)| c).collect();
        assert!(
            (8_000..=12_000).contains(&clusters.len()),
            "{} clusters",
            clusters.len()
        );
        assert_eq!(
            *clusters.iter().max().unwrap() + 1,
            clusters.len(),
            "dense labels"
        );
        let mut sizes: HashMap<usize, usize> = HashMap::new();
        for &(_, c) in &rows {
            *sizes.entry(c).or_default() += 1;
        }
        assert!(sizes.values().all(|&k| (1..=5).contains(&k)));
        assert!(sizes.values().filter(|&&k| k >= 3).count() > clusters.len() / 3);
        assert_eq!(Gen::new(11).names(30_000).len(), 30_000);
    }

    #[test]
    fn clusters_are_close_spellings() {
        let rows = Gen::new(5).labelled(6_000);
        let mut by: HashMap<usize, Vec<&str>> = HashMap::new();
        for (s, c) in &rows {
            by.entry(*c).or_default().push(s);
        }
        for members in by.values() {
            for a in members {
                for b in members {
                    assert!(lev(a, b) <= 8, "{a} / {b}");
                }
            }
        }
    }

    #[test]
    fn noisy_differs_slightly() {
        let mut g = Gen::new(42);
        let mut total = 0;
        for _ in 0..5_000 {
            let base = g.base_name();
            let v = g.noisy(&base);
            assert_ne!(v, base);
            let d = lev(&base, &v);
            assert!((1..=4).contains(&d), "{base} -> {v} ({d})");
            total += d;
        }
        let mean = total as f64 / 5_000.0;
        assert!(mean < 2.5, "mean edit distance {mean}");
    }

    #[test]
    fn noisy_uses_every_kind_of_edit() {
        let mut g = Gen::new(9);
        let mut kinds = HashSet::new();
        for _ in 0..20_000 {
            let base = g.base_name();
            let v = g.noisy(&base);
            if v.contains(TATWEEL) {
                kinds.insert("tatweel");
            }
            if v.chars().any(|c| HARAKAT.contains(&c)) {
                kinds.insert("haraka");
            }
            if v.chars().count() > base.chars().count() {
                kinds.insert("longer");
            }
            if v.chars().count() < base.chars().count() {
                kinds.insert("shorter");
            }
            if v.starts_with('و') && !base.starts_with('و') {
                kinds.insert("clitic");
            }
            if v.ends_with('ه') && base.ends_with('ة') {
                kinds.insert("ta marbuta");
            }
            if v.chars().any(|c| c == 'پ' || c == 'ڤ') {
                kinds.insert("pe/ve");
            }
        }
        assert_eq!(kinds.len(), 7, "{kinds:?}");
    }

    #[test]
    fn base_names_are_varied() {
        let mut g = Gen::new(1);
        let names: Vec<String> = (0..20_000).map(|_| g.base_name()).collect();
        let distinct: HashSet<&String> = names.iter().collect();
        assert!(distinct.len() > 18_000, "{}", distinct.len());
        for n in &names {
            let parts = n.split(' ').count();
            assert!((1..=6).contains(&parts), "{n}");
            assert!(n.chars().all(|c| c == ' ' || is_letter(c)), "{n}");
            assert!(!n.starts_with(' ') && !n.ends_with(' ') && !n.contains("  "));
        }
        // list combinations alone exceed a million names
        let given = GIVEN_MALE.len() + GIVEN_FEMALE.len();
        let lists = given * GIVEN_MALE.len() * (FAMILY.len() + FAMILY_AL.len());
        assert!(lists > 1_000_000, "{lists}");
    }

    #[test]
    fn text_has_the_requested_size_and_names() {
        let mut g = Gen::new(8);
        for bytes in [0, 1, 500, 100_000] {
            let t = g.text(bytes);
            assert!(
                t.len() >= bytes && t.len() < bytes + 1_000,
                "{} for {bytes}",
                t.len()
            );
        }
        let t = g.text(50_000);
        for w in ["قال", " في ", "\n\n", "."] {
            assert!(t.contains(w), "missing {w:?}");
        }
        assert!(TITLES.iter().any(|title| t.contains(title)));
    }
}
