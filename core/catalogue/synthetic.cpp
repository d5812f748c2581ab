// synthetic.cpp — builds large, deterministic, multilingual catalogues for benchmarks and load tests.
//
// Everything comes from one SplitMix64 stream seeded by SyntheticSpec::seed, so a seed gives the same
// catalogue on every compiler and standard library (std:: distributions are deliberately not used:
// their output is implementation-defined). Texts are composed from small phrase tables in the seven
// kiosk languages; every third organisation and activity carries all seven, the rest Swedish and
// English. The result passes parse_catalogue_json's validation (docs/catalogue.md) by construction:
// ids are unique and well-formed, references resolve, weekly rules stay inside first_day..last_day and
// at most three years long, and every activity has at least one occurrence.
#include "core/catalogue/synthetic.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lotsen {
namespace {

// ---------------------------------------------------------------------------------------------------
// Randomness

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and identical on every platform.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed)
        : m_state(seed) {}

    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    /// Uniform in [0, n) for n >= 1 (modulo bias is irrelevant for test data).
    int below(int n) { return n <= 1 ? 0 : static_cast<int>(next() % static_cast<std::uint64_t>(n)); }

    /// Uniform in [low, high].
    int between(int low, int high) { return low + below(high - low + 1); }

    /// True with the given probability in percent.
    bool percent(int chance) { return below(100) < chance; }

    /// Uniform in [-1, 1).
    double unit_signed() { return static_cast<double>(next() >> 11) * 0x1.0p-52 - 1.0; }

    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& items) { return items[static_cast<std::size_t>(below(static_cast<int>(N)))]; }

private:
    std::uint64_t m_state;
};

// ---------------------------------------------------------------------------------------------------
// Phrase tables. Order of languages in every row: sv, en, ar, fa, so, ti, uk.

constexpr std::array<std::string_view, 7> k_languages{"sv", "en", "ar", "fa", "so", "ti", "uk"};
constexpr std::size_t k_all_languages = 7;
constexpr std::size_t k_swedish_english = 2;

using Phrase = std::array<std::string_view, 7>;

struct InterestPhrases {
    std::string_view id;
    std::array<Phrase, 2> nouns;  ///< what the activity is called
    Phrase opener;                ///< first sentence of its description
};

// The twelve interests of the default vocabulary (model.cpp), in the same order.
const std::array<InterestPhrases, 12> k_interests{{
    {"outdoors",
     {{{"Promenad", "Walk", "نزهة", "پیاده‌روی", "Socod", "ዙረት", "Прогулянка"},
       {"Naturvandring", "Nature hike", "جولة في الطبيعة", "طبیعت‌گردی", "Socod dabiicadeed", "ዙረት ኣብ ተፈጥሮ", "Похід на природу"}}},
     {"Vi går ut tillsammans och njuter av naturen.", "We head out together and enjoy nature.",
      "نخرج معاً ونستمتع بالطبيعة.", "با هم بیرون می‌رویم و از طبیعت لذت می‌بریم.",
      "Waxaan si wadajir ah ugu baxnaa dabiicadda oo ku raaxaysannaa.", "ብሓባር ናብ ደገ ንወጽእን ብተፈጥሮ ንሕጎስን።",
      "Ми разом виходимо на природу й насолоджуємося нею."}},
    {"music",
     {{{"Kör", "Choir", "جوقة", "گروه کر", "Koox heeseed", "ጉጅለ መዘምራን", "Хор"},
       {"Allsång", "Sing-along", "غناء جماعي", "آواز دسته‌جمعی", "Hees wadajir ah", "ብሓባር ምድራፍ", "Спільний спів"}}},
     {"Vi sjunger och spelar tillsammans, alla kan vara med.", "We sing and play together; everyone can join in.",
      "نغني ونعزف معاً، ويمكن للجميع المشاركة.", "با هم می‌خوانیم و می‌نوازیم و همه می‌توانند همراه شوند.",
      "Waxaan wada heesnaa oo wada tumnaa, qof walbana wuu ka qayb geli karaa.", "ብሓባር ንደርፍን ንጻወትን፣ ኩሉ ሰብ ክሳተፍ ይኽእል።",
      "Ми разом співаємо й граємо – долучитися може кожен."}},
    {"crafts",
     {{{"Stickcafé", "Knitting café", "مقهى الحياكة", "کافه بافتنی", "Kafee tolmo", "ካፈ ስፍየት", "В’язальне кафе"},
       {"Hantverkskväll", "Craft evening", "أمسية الأشغال اليدوية", "شب کاردستی", "Habeen farshaxan", "ምሸት ኢደ-ጥበብ", "Вечір рукоділля"}}},
     {"Vi skapar med händerna i lugn och ro.", "We make things with our hands in peace and quiet.",
      "نصنع أشياء بأيدينا في هدوء.", "در آرامش با دست‌هایمان چیزی می‌سازیم.",
      "Si deggan ayaan gacmaheenna wax ugu samaynaa.", "ብህድኣት ብኢድና ነገራት ንሰርሕ።",
      "Ми спокійно створюємо щось власними руками."}},
    {"talk",
     {{{"Samtalsgrupp", "Talk group", "مجموعة حوار", "گروه گفتگو", "Koox wadahadal", "ጉጅለ ዘተ", "Група розмов"},
       {"Gå och prata", "Walk and talk", "نمشي ونتحدث", "قدم بزنیم و حرف بزنیم", "Soco oo sheekee", "እናተጓዓዝና ንዘራረብ", "Гуляємо й розмовляємо"}}},
     {"Vi pratar om vardagen i en liten och trygg grupp.", "We talk about everyday life in a small, safe group.",
      "نتحدث عن الحياة اليومية في مجموعة صغيرة وآمنة.", "در گروهی کوچک و امن از زندگی روزمره حرف می‌زنیم.",
      "Waxaan koox yar oo ammaan ah kaga hadalnaa nolosha maalinlaha ah.", "ብዛዕባ መዓልታዊ ህይወት ኣብ ንእሽቶን ውሑስን ጉጅለ ንዘራረብ።",
      "Ми говоримо про повсякдення в невеликій безпечній групі."}},
    {"language-cafe",
     {{{"Språkcafé", "Language café", "مقهى اللغة", "کافه زبان", "Kafee luqadeed", "ካፈ ቋንቋ", "Мовне кафе"},
       {"Samtalsträning", "Conversation practice", "تدريب على المحادثة", "تمرین مکالمه", "Tababar wadahadal", "ልምምድ ዘተ", "Розмовна практика"}}},
     {"Öva svenska över en kopp kaffe, alla nivåer är välkomna.", "Practise Swedish over a cup of coffee; all levels welcome.",
      "تدرّب على السويدية مع فنجان قهوة، وجميع المستويات مرحب بها.", "سوئدی را با یک فنجان قهوه تمرین کنید؛ از هر سطحی استقبال می‌کنیم.",
      "Ku tababar af-Iswiidhishka adigoo cabbaya koob kafee ah; heer kasta waa la soo dhaweynayaa.",
      "ምስ ጽዋእ ቡን ሽወደንኛ ተለማመዱ፤ ኩሉ ደረጃ እንቋዕ ብደሓን መጸ።", "Практикуйте шведську за чашкою кави – раді будь-якому рівню."}},
    {"cooking",
     {{{"Laga mat tillsammans", "Cooking together", "نطبخ معاً", "آشپزی با هم", "Wada karis", "ብሓባር ምግቢ ምስራሕ", "Готуємо разом"},
       {"Soppkväll", "Soup evening", "أمسية الشوربة", "شب سوپ", "Habeenka maraqa", "ምሸት ሾርባ", "Вечір супу"}}},
     {"Vi lagar mat tillsammans och äter vid samma bord.", "We cook together and eat at the same table.",
      "نطبخ معاً ونأكل على طاولة واحدة.", "با هم آشپزی می‌کنیم و سر یک میز غذا می‌خوریم.",
      "Waxaan wada karinnaa oo isla miis ku wada cunnaa.", "ብሓባር ንኸሽንን ኣብ ሓደ ጣውላ ንበልዕን።",
      "Ми разом готуємо й їмо за одним столом."}},
    {"games",
     {{{"Brädspel", "Board games", "ألعاب الطاولة", "بازی‌های رومیزی", "Ciyaaraha miiska", "ጸወታታት ሰሌዳ", "Настільні ігри"},
       {"Schack", "Chess", "شطرنج", "شطرنج", "Jees", "ቸስ", "Шахи"}}},
     {"Vi spelar och har roligt, reglerna förklarar vi på plats.", "We play and have fun; we explain the rules on the spot.",
      "نلعب ونستمتع، ونشرح القواعد في المكان.", "بازی می‌کنیم و خوش می‌گذرانیم و قوانین را همان‌جا توضیح می‌دهیم.",
      "Waan ciyaarnaa oo raaxaysannaa; xeerarka goobta ayaan ku sharraxnaa.", "ንጻወትን ንሕጎስን፣ ሕግታት ኣብቲ ቦታ ንገልጽ።",
      "Ми граємо й веселимося, а правила пояснюємо на місці."}},
    {"sport",
     {{{"Fotboll", "Football", "كرة القدم", "فوتبال", "Kubadda cagta", "ኩዕሶ እግሪ", "Футбол"},
       {"Mjukyoga", "Gentle yoga", "يوغا لطيفة", "یوگای ملایم", "Yoga fudud", "ልሙም ዮጋ", "М’яка йога"}}},
     {"Vi rör på oss för att det känns bra, inte för att vinna.", "We move because it feels good, not to win.",
      "نتحرك لأن ذلك يشعرنا بالراحة، لا من أجل الفوز.", "ورزش می‌کنیم چون حال‌مان را خوب می‌کند، نه برای بردن.",
      "Waan dhaqdhaqaaqnaa sababtoo ah way nagu fiican tahay, ma aha si aan u guulaysanno.",
      "ጽቡቕ ስለ ዝስምዓና ኢና እንንቀሳቐስ፣ ንምዕዋት ኣይኮነን።", "Ми рухаємося, бо це приємно, а не заради перемоги."}},
    {"culture",
     {{{"Filmkväll", "Film evening", "أمسية سينما", "شب فیلم", "Habeenka filimka", "ምሸት ፊልም", "Кіновечір"},
       {"Kulturkväll", "Culture evening", "أمسية ثقافية", "شب فرهنگی", "Habeen dhaqameed", "ምሸት ባህሊ", "Культурний вечір"}}},
     {"Vi upplever kultur tillsammans och pratar efteråt.", "We experience culture together and talk afterwards.",
      "نستمتع بالثقافة معاً ونتحدث بعدها.", "با هم از فرهنگ لذت می‌بریم و بعد گفتگو می‌کنیم.",
      "Waxaan si wadajir ah ula socannaa dhaqanka, kadibna waan ka sheekeysannaa.", "ብሓባር ባህሊ ንርኢ፣ ድሕሪኡ ድማ ንዘራረብ።",
      "Ми разом знайомимося з культурою, а потім обговорюємо."}},
    {"volunteering",
     {{{"Second hand-butik", "Second-hand shop", "متجر الأغراض المستعملة", "فروشگاه دست‌دوم", "Dukaanka alaabta la isticmaalay", "ድኳን ዝተጠቕመሉ ኣቕሑ", "Секонд-хенд"},
       {"Matkassar", "Food bags", "سلال الطعام", "بسته‌های غذا", "Bacaha cuntada", "ሳንጣታት መግቢ", "Продуктові набори"}}},
     {"Gör skillnad tillsammans med andra, i din egen takt.", "Make a difference together with others, at your own pace.",
      "أحدث فرقاً مع الآخرين، حسب وتيرتك.", "با دیگران و با سرعت خودتان تغییری ایجاد کنید.",
      "Isbeddel la samee dadka kale, adigoo raacaya xawaarahaaga.", "ምስ ካልኦት ብሓባር፣ ብናትኩም ቅልጣፈ ለውጢ ኣምጽኡ።",
      "Змінюйте щось разом з іншими у власному темпі."}},
    {"books",
     {{{"Läscirkel", "Reading circle", "حلقة قراءة", "حلقهٔ کتاب‌خوانی", "Kooxda akhriska", "ክቢ ንባብ", "Читацький гурток"},
       {"Bokbyte", "Book swap", "تبادل الكتب", "تبادل کتاب", "Is-weydaarsiga buugaagta", "ምልውዋጥ መጻሕፍቲ", "Обмін книжками"}}},
     {"Vi läser och pratar om böcker i en liten grupp.", "We read and talk about books in a small group.",
      "نقرأ ونتحدث عن الكتب في مجموعة صغيرة.", "در گروهی کوچک کتاب می‌خوانیم و درباره‌اش حرف می‌زنیم.",
      "Waxaan akhrinnaa buugaagta, kooxo yarna kaga sheekeysannaa.", "ኣብ ንእሽቶ ጉጅለ መጻሕፍቲ ነንብብን ብዛዕባኦም ንዘራረብን።",
      "Ми читаємо й обговорюємо книжки в невеликій групі."}},
    {"gardening",
     {{{"Gemensam odling", "Community garden", "حديقة مشتركة", "باغچهٔ مشترک", "Beer wadajir ah", "ሓባራዊ ሕርሻ ኣታኽልቲ", "Спільний город"},
       {"Växthusträff", "Greenhouse meet-up", "لقاء في الدفيئة", "دورهمی گلخانه", "Kulanka aqalka dhirta", "ርክብ ኣብ ገዛ ኣታኽልቲ", "Зустріч у теплиці"}}},
     {"Vi odlar tillsammans, även på vintern finns det att göra.", "We grow things together; even in winter there is work to do.",
      "نزرع معاً، وحتى في الشتاء هناك ما نفعله.", "با هم می‌کاریم؛ حتی در زمستان هم کار هست.",
      "Waxaan wada beernaa; xitaa jiilaalka waxaa jira shaqo la qabto.", "ብሓባር ንተክል፤ ኣብ ግዜ ቁሪ እውን ዝግበር ስራሕ ኣሎ።",
      "Ми разом вирощуємо рослини – навіть узимку є робота."}},
}};

// "<noun> for everyone" and friends. Swedish and English titles also name the town.
const std::array<Phrase, 4> k_qualifiers{{
    {"för alla", "for everyone", "للجميع", "برای همه", "qof walba", "ንኹሉ", "для всіх"},
    {"för nybörjare", "for beginners", "للمبتدئين", "برای تازه‌کارها", "dadka bilowga ah", "ንጀመርቲ", "для початківців"},
    {"i lugnt tempo", "at a calm pace", "بهدوء", "با آرامش", "si tartiib ah", "ብህድኣት", "у спокійному темпі"},
    {"med fika", "with coffee", "مع القهوة", "با قهوه", "kafee iyo sheeko", "ምስ ቡን", "з кавою"},
}};

const Phrase k_drop_in{"Du kan bara komma – ingen anmälan behövs.", "You can just come – no need to sign up.",
                       "يمكنك أن تأتي ببساطة – لا حاجة إلى التسجيل.", "می‌توانید همین‌طوری بیایید – نیازی به ثبت‌نام نیست.",
                       "Si toos ah ayaad u iman kartaa – looma baahna is-diiwaangelin.", "ብቐጥታ ክትመጹ ትኽእሉ ኢኹም – ምምዝጋብ ኣየድልን።",
                       "Можна просто прийти – реєстрація не потрібна."};
const Phrase k_sign_up{"Anmäl dig gärna i förväg.", "Please sign up in advance.", "من فضلك سجّل مسبقاً.",
                       "لطفاً از قبل ثبت‌نام کنید.", "Fadlan horay isu diiwaangeli.", "በጃኹም ኣቐዲምኩም ተመዝገቡ።",
                       "Будь ласка, зареєструйтеся заздалегідь."};
const Phrase k_first_time{"Första gången? Säg till vid dörren, så tar någon emot dig.",
                          "First time? Say so at the door and someone will welcome you.",
                          "هل هي مرتك الأولى؟ أخبرنا عند الباب وسيستقبلك أحدنا.",
                          "بار اول است؟ دم در بگویید تا کسی به استقبالتان بیاید.",
                          "Ma markii ugu horreysay baa? Albaabka ka sheeg, qof ayaa ku soo dhaweyn doona.",
                          "ናይ መጀመርታ ግዜኹም ድዩ? ኣብ ማዕጾ ንገሩና፣ ሓደ ሰብ ክቕበለኩም እዩ።",
                          "Уперше? Скажіть про це біля входу, і вас хтось зустріне."};
const Phrase k_fika_note{"Fika finns att köpa", "Coffee and snacks for sale", "تتوفر القهوة والوجبات الخفيفة للبيع",
                         "قهوه و خوراکی برای فروش هست", "Kafee iyo cunto fudud ayaa la iibinayaa",
                         "ቡንን መኽሰስን ይሽየጥ", "Можна купити каву й перекуску"};

// "Association for <interest label>": the labels come from default_interests().
const Phrase k_association{"Föreningen för", "Association for", "جمعية", "انجمن", "Ururka", "ማሕበር", "Об’єднання"};
const Phrase k_association_text{
    "En ideell förening som välkomnar alla, särskilt dig som vill komma in i ett sammanhang.",
    "A non-profit association that welcomes everyone, especially you who want to find a place to belong.",
    "جمعية غير ربحية ترحب بالجميع، وخاصة بمن يبحث عن مكان ينتمي إليه.",
    "انجمنی غیرانتفاعی که از همه استقبال می‌کند، به‌ویژه از شما که دنبال جایی برای تعلق هستید.",
    "Urur aan faa'iido doon ahayn oo qof walba soo dhaweeya, gaar ahaan qofka raadinaya meel uu ka mid noqdo.",
    "ንኹሉ ሰብ ብፍላይ ድማ ንዝኾነ ቦታ ክህልዎ ዝደሊ ሰብ ዝቕበል ኣብ ረብሓ ዘይተመርኮሰ ማሕበር።",
    "Неприбуткове об’єднання, яке радо вітає всіх, особливо тих, хто шукає, де відчути себе своїм."};

struct Town {
    std::string_view name;
    std::string_view municipality;
    std::string_view area_code;
    double latitude;
    double longitude;
};

const std::array<Town, 20> k_towns{{
    {"Halmstad", "Halmstad", "035", 56.6745, 12.8578},     {"Getinge", "Halmstad", "035", 56.8205, 12.7330},
    {"Oskarström", "Halmstad", "035", 56.8070, 12.9680},   {"Tylösand", "Halmstad", "035", 56.6480, 12.7300},
    {"Varberg", "Varberg", "0340", 57.1057, 12.2502},      {"Tvååker", "Varberg", "0340", 57.0430, 12.4050},
    {"Veddige", "Varberg", "0340", 57.2660, 12.3350},      {"Bua", "Varberg", "0340", 57.2390, 12.1160},
    {"Falkenberg", "Falkenberg", "0346", 56.9055, 12.4912}, {"Ullared", "Falkenberg", "0346", 57.1340, 12.7170},
    {"Vessigebro", "Falkenberg", "0346", 56.9800, 12.6530}, {"Kungsbacka", "Kungsbacka", "0300", 57.4872, 12.0761},
    {"Onsala", "Kungsbacka", "0300", 57.4170, 12.0150},    {"Åsa", "Kungsbacka", "0300", 57.3500, 12.1200},
    {"Frillesås", "Kungsbacka", "0300", 57.3170, 12.1660}, {"Laholm", "Laholm", "0430", 56.5120, 13.0450},
    {"Mellbystrand", "Laholm", "0430", 56.5130, 12.9470},  {"Knäred", "Laholm", "0430", 56.5300, 13.3200},
    {"Hyltebruk", "Hylte", "0345", 56.9960, 13.2380},      {"Torup", "Hylte", "0345", 56.9580, 13.0820},
}};

const std::array<std::pair<std::string_view, std::string_view>, 8> k_venues{{
    {"Föreningshuset", "Community house"}, {"Biblioteket, mötesrummet", "Library, meeting room"},
    {"Idrottshallen", "Sports hall"},      {"Bygdegården", "Village hall"},
    {"Träffpunkten", "Meeting point"},     {"Parken vid ån", "Riverside park"},
    {"Kyrkans lilla sal", "Church hall"},  {"Studieförbundets lokal", "Study association rooms"},
}};

constexpr std::array<std::string_view, 12> k_streets{"Storgatan", "Kvarngatan", "Skolvägen", "Ekvägen",
                                                     "Björkgatan", "Hamngatan", "Lärkvägen", "Parkgatan",
                                                     "Smedjegatan", "Ängsvägen", "Bruksgatan", "Sjövägen"};

constexpr std::array<int, 14> k_start_minutes{9 * 60, 10 * 60, 10 * 60 + 30, 11 * 60 + 30, 13 * 60, 14 * 60,
                                              15 * 60, 16 * 60, 17 * 60 + 30, 18 * 60, 18 * 60 + 30, 19 * 60,
                                              11 * 60, 17 * 60};
constexpr std::array<int, 6> k_durations{60, 75, 90, 120, 150, 180};
constexpr std::array<int, 7> k_prices{20, 30, 40, 50, 60, 100, 150};

// ---------------------------------------------------------------------------------------------------
// Helpers

std::string two_digits(int value)
{
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d", value % 100);
    return buffer;
}

std::string padded(int value, int width)
{
    std::string digits = std::to_string(value);
    if (static_cast<int>(digits.size()) < width)
        digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
    return digits;
}

double round4(double value) { return std::round(value * 10'000.0) / 10'000.0; }

/// The pieces joined. Appends only: GCC 12 at -O2 reports a bogus -Wrestrict for `"x" + std::string`.
std::string concat(std::initializer_list<std::string_view> pieces)
{
    std::size_t size = 0;
    for (const std::string_view piece : pieces)
        size += piece.size();
    std::string out;
    out.reserve(size);
    for (const std::string_view piece : pieces)
        out.append(piece);
    return out;
}

/// A text in the first `languages` languages of k_languages, built by `make(column)`.
template <typename Make>
LocalizedText localized(std::size_t languages, Make make)
{
    TextMap texts;
    for (std::size_t column = 0; column < languages; ++column)
        texts.emplace(k_languages[column], make(column));
    return LocalizedText(std::move(texts));
}

/// Day count of [first, last], at least 1.
int span_days(const Date& first, const Date& last)
{
    return std::max<int>(1, static_cast<int>(last.days_since_epoch() - first.days_since_epoch()) + 1);
}

/// A random day in [first, first + span).
Date random_day(SplitMix64& random, const Date& first, int span) { return first.plus_days(random.below(span)); }

class SyntheticBuilder {
public:
    explicit SyntheticBuilder(const SyntheticSpec& spec)
        : m_random(spec.seed ^ 0x4C6F7473656E2121ull)  // "Lotsen!!": seed 0 still mixes well
        , m_first(spec.first_day)
        , m_last(spec.last_day)
    {
        if (m_last < m_first)
            std::swap(m_first, m_last);
        // Weekly rules may span at most three years (docs/catalogue.md); 1,095 days is always within.
        if (m_last.days_since_epoch() - m_first.days_since_epoch() > 1'095)
            m_last = m_first.plus_days(1'095);
        m_span = span_days(m_first, m_last);
    }

    Organisation organisation(int index)
    {
        const Town& town = k_towns[static_cast<std::size_t>(index) % k_towns.size()];
        const std::size_t interest = static_cast<std::size_t>(m_random.below(static_cast<int>(k_interests.size())));
        const std::size_t languages = index % 3 == 0 ? k_all_languages : k_swedish_english;
        const LocalizedText& label = default_interests()[interest].label;

        Organisation organisation;
        organisation.id = concat({"syn-org-", padded(index + 1, 5)});
        organisation.name = localized(languages, [&](std::size_t column) {
            const std::string_view language = k_languages[column];
            std::string label_text(label.get(language));
            // Swedish and English labels are capitalised nouns; lower-case them after "för"/"for".
            if (column <= 1 && !label_text.empty() && label_text[0] >= 'A' && label_text[0] <= 'Z')
                label_text[0] = static_cast<char>(label_text[0] - 'A' + 'a');
            if (language == "uk")
                label_text = concat({"«", label_text, "»"});
            const std::string_view in = column == 0 ? " i " : column == 1 ? " in " : " – ";
            const bool named_town = column <= 1 || language == "so";
            return concat({k_association[column], " ", label_text, named_town ? in : "", named_town ? town.name : "",
                           " ", std::to_string(index + 1)});
        });
        organisation.description = localized(languages, [&](std::size_t column) {
            return concat({k_association_text[column], " ", k_interests[interest].opener[column]});
        });
        organisation.contact.phone = concat({town.area_code, "-000 ", two_digits((index + 1) / 100), " ", two_digits(index + 1)});
        organisation.contact.email = concat({"org", std::to_string(index + 1), "@example.org"});
        if (m_random.percent(70))
            organisation.contact.web = concat({"https://example.org/org", std::to_string(index + 1)});
        organisation.municipality = std::string(town.municipality);
        organisation.reply_days = m_random.between(0, 10);
        organisation.accepts_contact_requests = m_random.percent(75);
        return organisation;
    }

    Activity activity(int index, const Organisation& organisation, int organisation_index)
    {
        Activity activity;
        activity.id = concat({"syn-act-", padded(index + 1, 6)});
        activity.organisation_id = organisation.id;

        // Round-robin over the vocabulary guarantees every interest is used once there are twelve.
        const std::size_t interest = static_cast<std::size_t>(index) % k_interests.size();
        activity.interests.emplace_back(k_interests[interest].id);
        if (m_random.percent(25)) {
            const std::size_t extra = (interest + 1 + static_cast<std::size_t>(m_random.below(11))) % k_interests.size();
            activity.interests.emplace_back(k_interests[extra].id);
        }

        // Mostly in the organisation's own town, sometimes in a neighbouring one.
        std::size_t town_index = static_cast<std::size_t>(organisation_index) % k_towns.size();
        if (m_random.percent(20))
            town_index = (town_index + 1) % k_towns.size();
        const Town& town = k_towns[town_index];

        const std::size_t languages = index % 3 == 0 ? k_all_languages : k_swedish_english;
        const Phrase& noun = k_interests[interest].nouns[static_cast<std::size_t>(m_random.below(2))];
        const Phrase& qualifier = m_random.pick(k_qualifiers);
        activity.title = localized(languages, [&](std::size_t column) {
            if (column == 0)
                return concat({noun[column], " ", qualifier[column], " i ", town.name});
            if (column == 1)
                return concat({noun[column], " ", qualifier[column], " in ", town.name});
            return concat({noun[column], " – ", qualifier[column]});
        });

        activity.drop_in = m_random.percent(55);
        const bool first_time = m_random.percent(30);
        activity.description = localized(languages, [&](std::size_t column) {
            return concat({k_interests[interest].opener[column], " ", (activity.drop_in ? k_drop_in : k_sign_up)[column],
                           first_time ? " " : "", first_time ? k_first_time[column] : ""});
        });

        activity.schedule = schedule();
        activity.place = place(town);

        if (!m_random.percent(60))
            activity.cost.sek = m_random.pick(k_prices);
        if (m_random.percent(30))
            activity.cost.note = localized(languages, [&](std::size_t column) { return std::string(k_fika_note[column]); });

        activity.languages.emplace_back("sv");
        if (m_random.percent(50))
            activity.languages.emplace_back("en");
        if (m_random.percent(35))
            activity.languages.emplace_back(k_languages[2 + static_cast<std::size_t>(m_random.below(5))]);

        for (const std::string& feature : known_accessibility_features()) {
            if (m_random.percent(feature == "sign-language" ? 5 : 35))
                activity.accessibility.push_back(feature);
        }

        if (m_random.percent(40)) {
            const std::vector<std::string>& groups = known_audience_groups();
            const std::size_t first = static_cast<std::size_t>(m_random.below(static_cast<int>(groups.size())));
            activity.audience.groups.push_back(groups[first]);
            if (m_random.percent(30))
                activity.audience.groups.push_back(groups[(first + 1) % groups.size()]);
            if (m_random.percent(30)) {
                activity.audience.min_age = m_random.between(12, 30);
                if (m_random.percent(40))
                    activity.audience.max_age = *activity.audience.min_age + m_random.between(5, 40);
            }
        }
        return activity;
    }

private:
    Schedule schedule()
    {
        Schedule schedule;
        const int start = m_random.pick(k_start_minutes);
        int end = (start + m_random.pick(k_durations)) % (24 * 60);
        int rule_start = start;
        if (m_random.percent(1)) {  // a night walk that runs past midnight
            rule_start = 21 * 60 + 30;
            end = 30;
        }

        const bool dates_only = m_random.percent(8);
        if (!dates_only) {
            const int rules = m_random.percent(15) && m_span >= 7 ? 2 : 1;
            const int weekday = m_random.between(1, 7);
            for (int r = 0; r < rules; ++r) {
                WeeklyRule rule;
                rule.iso_weekday = (weekday - 1 + r * m_random.between(1, 6)) % 7 + 1;
                rule.start = TimeOfDay{rule_start};
                rule.end = TimeOfDay{end};
                // Most rules cover the whole period; some start late or stop early (a term).
                const int trim = m_span > 120 ? m_random.below(m_span / 4) : 0;
                rule.valid_from = m_random.percent(30) ? m_first.plus_days(trim) : m_first;
                rule.valid_until = m_random.percent(30) ? m_last.plus_days(-trim) : m_last;
                if (rule.valid_until < rule.valid_from)
                    rule.valid_until = rule.valid_from;
                // A period shorter than a week might miss the weekday: start on the first day instead.
                if (span_days(rule.valid_from, rule.valid_until) < 7)
                    rule.iso_weekday = rule.valid_from.iso_weekday();
                if (m_random.percent(15))
                    rule.every_weeks = m_random.between(2, 4);
                schedule.weekly.push_back(rule);
            }
        }

        // One-off dates: the whole schedule of a dates-only activity, an extra now and then otherwise.
        // They start at a different time than the weekly rules, so they never coincide with them.
        const int dates = dates_only ? m_random.between(2, 6) : (m_random.percent(15) ? m_random.between(1, 3) : 0);
        const int date_start = (rule_start + 60) % (24 * 60);
        for (int i = 0; i < dates; ++i) {
            const Date day = random_day(m_random, m_first, m_span);
            const bool seen = std::any_of(schedule.dates.begin(), schedule.dates.end(),
                                          [&](const SingleDate& other) { return other.date == day; });
            if (!seen)
                schedule.dates.push_back(SingleDate{day, TimeOfDay{date_start}, TimeOfDay{(date_start + 90) % (24 * 60)}});
        }
        std::sort(schedule.dates.begin(), schedule.dates.end(),
                  [](const SingleDate& a, const SingleDate& b) { return a.date < b.date; });

        // Cancelled dates (holidays, illness). Never on a one-off date: every activity keeps at least
        // one occurrence.
        if (!dates_only && m_span >= 28 && m_random.percent(30)) {
            const int count = m_random.between(1, 4);
            for (int i = 0; i < count; ++i) {
                const Date day = random_day(m_random, m_first, m_span);
                const bool clash = std::any_of(schedule.dates.begin(), schedule.dates.end(),
                                               [&](const SingleDate& single) { return single.date == day; });
                if (!clash && std::find(schedule.cancelled.begin(), schedule.cancelled.end(), day) == schedule.cancelled.end())
                    schedule.cancelled.push_back(day);
            }
            std::sort(schedule.cancelled.begin(), schedule.cancelled.end());
        }
        return schedule;
    }

    Place place(const Town& town)
    {
        Place place;
        const auto& venue = m_random.pick(k_venues);
        place.name = LocalizedText(TextMap{{"sv", concat({venue.first, ", ", town.name})},
                                           {"en", concat({venue.second, ", ", town.name})}});
        const std::string_view street = m_random.pick(k_streets);
        place.address = concat({street, " ", std::to_string(m_random.between(1, 80))});
        place.town = std::string(town.name);
        if (m_random.percent(90)) {
            place.latitude = round4(town.latitude + 0.01 * m_random.unit_signed());
            place.longitude = round4(town.longitude + 0.015 * m_random.unit_signed());
        }
        return place;
    }

    SplitMix64 m_random;
    Date m_first;
    Date m_last;
    int m_span = 1;
};

}  // namespace

Catalogue generate_synthetic_catalogue(const SyntheticSpec& spec)
{
    Catalogue catalogue;
    catalogue.version = 1;
    catalogue.published = "2026-11-20T08:00:00Z";

    const int activities = std::max(0, spec.activities);
    // The format allows an empty organisation list only together with an empty activity list.
    const int organisations = activities > 0 ? std::max(1, spec.organisations) : std::max(0, spec.organisations);

    SyntheticBuilder builder(spec);
    catalogue.organisations.reserve(static_cast<std::size_t>(organisations));
    for (int i = 0; i < organisations; ++i)
        catalogue.organisations.push_back(builder.organisation(i));

    catalogue.activities.reserve(static_cast<std::size_t>(activities));
    for (int i = 0; i < activities; ++i) {
        const int owner = i % organisations;
        catalogue.activities.push_back(builder.activity(i, catalogue.organisations[static_cast<std::size_t>(owner)], owner));
    }
    return catalogue;
}

}  // namespace lotsen
