#!/usr/bin/env python3
"""Regenerates assets/demo/catalogue.json, Lotsen's demo catalogue (format v1, docs/catalogue.md).

    python3 assets/demo/make_demo_catalogue.py            # writes catalogue.json next to this script
    python3 assets/demo/make_demo_catalogue.py --check    # exits 1 if catalogue.json is out of date

Deterministic: a fixed seed and fixed tables give byte-identical output on every run, so a diff of
catalogue.json shows exactly what a change to this script did.

Everything in the catalogue is FICTIONAL: the associations, their names, addresses and activities
are invented for the demo and do not describe real Halland associations. Contact details are
obviously fake: every phone number has a "000" block, e-mail goes to example.org, web pages to
https://example.org/. Town names and rough coordinates are real so the map and the town filter look
right.

The content tables (names, descriptions, translations) live in this script. Texts in Arabic,
Persian, Somali, Tigrinya and Ukrainian are written for the demo and should get a native speaker's
review before the catalogue is shown to the public.
"""

import datetime as dt
import json
import random
import re
import sys
from pathlib import Path

SEED = 20261120
VERSION = 1
PUBLISHED = "2026-11-20T08:00:00Z"
LANGS = ["sv", "en", "ar", "fa", "so", "ti", "uk"]
EXTRA_LANGS = ["ar", "fa", "so", "ti", "uk"]

# Weekly rules run over the association year; "today" in the demo is late November 2026 or later.
FIRST_DAY_SHOWN = dt.date(2026, 11, 20)
LAST_DAY_SHOWN = dt.date(2027, 6, 30)

# ---------------------------------------------------------------------------------------------
# Shared sentences appended to activity descriptions, and cost notes.
# ---------------------------------------------------------------------------------------------

PHRASES = {
    "sign_up": {
        "sv": "Anmäl dig gärna till föreningen i förväg, så vet vi att du kommer.",
        "en": "Please let the association know in advance, so we know you are coming.",
        "ar": "من فضلك أخبر الجمعية مسبقاً، حتى نعرف أنك قادم.",
        "fa": "لطفاً از قبل به انجمن خبر بدهید تا بدانیم که می‌آیید.",
        "so": "Fadlan ururka horay ugu sheeg, si aan u ogaanno inaad imanayso.",
        "ti": "በጃኹም ንማሕበር ኣቐዲምኩም ሓብሩ፣ ከም እትመጹ ምእንቲ ክንፈልጥ።",
        "uk": "Будь ласка, повідомте об’єднання заздалегідь, щоб ми знали, що ви прийдете.",
    },
    "first_time": {
        "sv": "Första gången? Säg till vid dörren, så tar någon emot dig.",
        "en": "First time? Say so at the door and someone will welcome you.",
        "ar": "هل هي مرتك الأولى؟ أخبرنا عند الباب وسيستقبلك أحدنا.",
        "fa": "بار اول است؟ دم در بگویید تا کسی به استقبالتان بیاید.",
        "so": "Ma markii ugu horreysay baa? Albaabka ka sheeg, qof ayaa ku soo dhaweyn doona.",
        "ti": "ናይ መጀመርታ ግዜኹም ድዩ? ኣብ ማዕጾ ንገሩና፣ ሓደ ሰብ ክቕበለኩም እዩ።",
        "uk": "Уперше? Скажіть про це біля входу, і вас хтось зустріне.",
    },
    "no_experience": {
        "sv": "Inga förkunskaper behövs.",
        "en": "No experience needed.",
        "ar": "لا تحتاج إلى أي خبرة سابقة.",
        "fa": "نیازی به تجربهٔ قبلی نیست.",
        "so": "Looma baahna khibrad hore.",
        "ti": "ቅድሚ ሕጂ ተሞክሮ ኣየድልን።",
        "uk": "Попередній досвід не потрібен.",
    },
}

# A note says what the price is for; the kiosk shows the price itself ("20 kr", or the UI's word for
# free) before it, so a note never repeats the amount or the word "free" ("20 kr — fika", not
# "20 kr — Fika 20 kr"). Notes start in lower case because they follow a dash.
COST_NOTES = {
    "fika20": (20, {
        "sv": "fika",
        "en": "coffee and a snack",
        "ar": "قهوة ووجبة خفيفة",
        "fa": "قهوه و شیرینی",
        "so": "kafee iyo cunto fudud",
        "ti": "ቡንን መኽሰስን",
        "uk": "кава й перекуска",
    }),
    "member100": (100, {
        "sv": "medlemsavgift per år",
        "en": "membership fee per year",
        "ar": "رسوم العضوية في السنة",
        "fa": "حق عضویت در سال",
        "so": "khidmadda xubinnimada sannadkii",
        "ti": "ክፍሊት ኣባልነት ብዓመት",
        "uk": "членський внесок на рік",
    }),
    "material50": (50, {
        "sv": "för material",
        "en": "for materials",
        "ar": "ثمن المواد",
        "fa": "هزینهٔ مواد",
        "so": "qalabka",
        "ti": "ንንዋት",
        "uk": "за матеріали",
    }),
    "food40": (40, {
        "sv": "för maten",
        "en": "for the meal",
        "ar": "ثمن الوجبة",
        "fa": "هزینهٔ غذا",
        "so": "cuntada",
        "ti": "ንመግቢ",
        "uk": "за їжу",
    }),
    "entry60": (60, {
        "sv": "entré",
        "en": "admission",
        "ar": "رسم الدخول",
        "fa": "ورودی",
        "so": "gelitaanka",
        "ti": "መእተዊ",
        "uk": "вхід",
    }),
    "pool40": (40, {
        "sv": "entré till simhallen",
        "en": "swimming hall admission",
        "ar": "دخول المسبح",
        "fa": "ورودی استخر",
        "so": "gelitaanka barkadda",
        "ti": "መእተዊ መሐምበሲ",
        "uk": "вхід до басейну",
    }),
    "sauna30": (30, {
        "sv": "bastu",
        "en": "sauna",
        "ar": "الساونا",
        "fa": "سونا",
        "so": "qubeyska uumiga",
        "ti": "ሳውና",
        "uk": "сауна",
    }),
    "free_fika": (0, {
        "sv": "fika ingår",
        "en": "coffee included",
        "ar": "القهوة مشمولة",
        "fa": "همراه با قهوه",
        "so": "kafeega waa lagu daray",
        "ti": "ቡን ሓዊሱ",
        "uk": "кава включена",
    }),
    "bring_snack": (0, {
        "sv": "ta med egen fika",
        "en": "bring your own snack",
        "ar": "أحضر وجبتك الخفيفة",
        "fa": "خوراکی خودتان را بیاورید",
        "so": "cunto fudud keen",
        "ti": "ናይ ገዛእ ርእስኹም መኽሰስ ኣምጽኡ",
        "uk": "візьміть із собою перекус",
    }),
    "free": (0, None),
}

# ---------------------------------------------------------------------------------------------
# Towns: municipality, rough centre (WGS84), invented street names, a school for halls and
# pitches, outdoor meeting points and (on the coast) beach meeting points. Addresses are invented.
# ---------------------------------------------------------------------------------------------

TOWNS = {
    "Halmstad": dict(mun="Halmstad", lat=56.6745, lon=12.8578, pool=True,
                     streets=["Kvarngatan", "Vävaregatan", "Lärkträdsvägen", "Skeppargatan"],
                     school="Ekbackeskolan",
                     outdoor=[("Samling vid Galgbergets parkering", "Meeting point: Galgberget car park", "Skogsstigen 2"),
                              ("Samling vid gångbron över Nissan", "Meeting point: the footbridge over the Nissan", "Åstråket 5")],
                     beach=[("Samling vid Östra strandens kiosk", "Meeting point: the kiosk at the East Beach", "Strandängsvägen 3")]),
    "Getinge": dict(mun="Halmstad", lat=56.8205, lon=12.7330, pool=False,
                    streets=["Bygatan", "Smedjevägen", "Linvägen"], school="Getinge skola",
                    outdoor=[("Samling vid hembygdsparken", "Meeting point: the heritage park", "Parkvägen 6")], beach=[]),
    "Oskarström": dict(mun="Halmstad", lat=56.8070, lon=12.9680, pool=False,
                       streets=["Bruksgatan", "Åvägen", "Spinnerigatan"], school="Nissadalsskolan",
                       outdoor=[("Samling vid ånstigen", "Meeting point: the riverside path", "Åvägen 3")], beach=[]),
    "Tylösand": dict(mun="Halmstad", lat=56.6480, lon=12.7300, pool=False,
                     streets=["Sandvägen", "Tallstigen"], school="Tylöskolan",
                     outdoor=[("Samling vid naturreservatets infartsskylt", "Meeting point: the nature reserve sign", "Tallstigen 1")],
                     beach=[("Samling vid strandens huvudentré", "Meeting point: the main beach entrance", "Sandvägen 3")]),
    "Harplinge": dict(mun="Halmstad", lat=56.7450, lon=12.7210, pool=False,
                      streets=["Prästgårdsvägen", "Ängsvägen"], school="Harplinge skola",
                      outdoor=[("Samling vid motionsspåret", "Meeting point: the exercise trail", "Spårvägen 1")], beach=[]),
    "Varberg": dict(mun="Varberg", lat=57.1057, lon=12.2502, pool=True,
                    streets=["Repslagaregatan", "Norrgatan", "Lindhovsgatan", "Fiskaregatan"],
                    school="Påskbergsskolan",
                    outdoor=[("Samling vid Ekskogens parkering", "Meeting point: Ekskogen car park", "Ekskogsvägen 1")],
                    beach=[("Samling vid strandpromenadens norra ände", "Meeting point: north end of the seafront promenade", "Strandstråket 40")]),
    "Tvååker": dict(mun="Varberg", lat=57.0430, lon=12.4050, pool=False,
                    streets=["Stationsvägen", "Mejerigatan", "Ljungvägen"], school="Tvååkers skola",
                    outdoor=[("Samling vid idrottsplatsen", "Meeting point: the sports ground", "Idrottsvägen 2")], beach=[]),
    "Veddige": dict(mun="Varberg", lat=57.2660, lon=12.3350, pool=False,
                    streets=["Viskavägen", "Mejerivägen", "Bäckagatan"], school="Veddige skola",
                    outdoor=[("Samling vid bron över Viskan", "Meeting point: the bridge over the Viskan", "Viskavägen 12")], beach=[]),
    "Bua": dict(mun="Varberg", lat=57.2390, lon=12.1160, pool=False,
                streets=["Hamnvägen", "Bryggvägen"], school="Bua skola",
                outdoor=[("Samling vid hamnplanen", "Meeting point: the harbour square", "Hamnvägen 4")],
                beach=[("Samling vid badplatsens parkering", "Meeting point: the bathing place car park", "Bryggvägen 9")]),
    "Falkenberg": dict(mun="Falkenberg", lat=56.9055, lon=12.4912, pool=True,
                       streets=["Laxgatan", "Tullbrovägen", "Hantverkaregatan", "Skrea backe"],
                       school="Ätradalsskolan",
                       outdoor=[("Samling vid laxtrappan", "Meeting point: the salmon ladder", "Ådalsvägen 8")],
                       beach=[("Samling vid Skrea strands norra parkering", "Meeting point: Skrea beach, north car park", "Strandbadsvägen 15")]),
    "Ullared": dict(mun="Falkenberg", lat=57.1340, lon=12.7170, pool=False,
                    streets=["Skogsvägen", "Kyrkbyvägen", "Högvadsvägen"], school="Ullareds skola",
                    outdoor=[("Samling vid elljusspåret", "Meeting point: the lit trail", "Skogsvägen 20")], beach=[]),
    "Vessigebro": dict(mun="Falkenberg", lat=56.9800, lon=12.6530, pool=False,
                       streets=["Brovägen", "Kvarnvägen"], school="Vessigebro skola",
                       outdoor=[("Samling vid Ätrans badplats", "Meeting point: the Ätran bathing place", "Brovägen 11")], beach=[]),
    "Kungsbacka": dict(mun="Kungsbacka", lat=57.4872, lon=12.0761, pool=True,
                       streets=["Torggatan", "Borgmästaregatan", "Kyrkogatan", "Varlavägen"],
                       school="Kungsåskolan",
                       outdoor=[("Samling vid Kungsbackaåns gångstråk", "Meeting point: the Kungsbacka river walk", "Åstråket 2")],
                       beach=[]),
    "Onsala": dict(mun="Kungsbacka", lat=57.4170, lon=12.0150, pool=False,
                   streets=["Vallbyvägen", "Sandvägen", "Fiskebovägen"], school="Onsalaskolan",
                   outdoor=[("Samling vid naturstigens början", "Meeting point: the start of the nature trail", "Vallbyvägen 30")],
                   beach=[("Samling vid Sandö badplats", "Meeting point: Sandö bathing place", "Sandvägen 41")]),
    "Åsa": dict(mun="Kungsbacka", lat=57.3500, lon=12.1200, pool=False,
                streets=["Stationsvägen", "Åsa strandväg", "Båtvägen"], school="Åsaskolan",
                outdoor=[("Samling vid stationens parkering", "Meeting point: the station car park", "Stationsvägen 1")],
                beach=[("Samling vid Åsa strand, stora badet", "Meeting point: Åsa beach, main bathing area", "Åsa strandväg 22")]),
    "Frillesås": dict(mun="Kungsbacka", lat=57.3170, lon=12.1660, pool=False,
                      streets=["Gamla vägen", "Lyngåsvägen"], school="Frillesåsskolan",
                      outdoor=[("Samling vid bygdegården", "Meeting point: the village hall", "Gamla vägen 14")], beach=[]),
    "Laholm": dict(mun="Laholm", lat=56.5120, lon=13.0450, pool=True,
                   streets=["Lagavägen", "Krukmakaregatan", "Humlegårdsgatan"], school="Lagaskolan",
                   outdoor=[("Samling vid Lagans strandpromenad", "Meeting point: the Lagan riverside walk", "Lagavägen 2")],
                   beach=[]),
    "Mellbystrand": dict(mun="Laholm", lat=56.5130, lon=12.9470, pool=False,
                         streets=["Strandvägen", "Dynvägen", "Sandtorpsvägen"], school="Mellby skola",
                         outdoor=[("Samling vid tallskogen bakom dynerna", "Meeting point: the pine wood behind the dunes", "Dynvägen 10")],
                         beach=[("Samling vid nedfart 7", "Meeting point: beach access 7", "Strandvägen 70")]),
    "Knäred": dict(mun="Laholm", lat=56.5300, lon=13.3200, pool=False,
                   streets=["Fredsvägen", "Kvarnbygatan"], school="Knäreds skola",
                   outdoor=[("Samling vid fredsstenen", "Meeting point: the peace stone", "Fredsvägen 1")], beach=[]),
    "Veinge": dict(mun="Laholm", lat=56.5560, lon=13.0770, pool=False,
                   streets=["Bygatan", "Skolvägen"], school="Veinge skola", outdoor=[], beach=[]),
    "Hyltebruk": dict(mun="Hylte", lat=56.9960, lon=13.2380, pool=True,
                      streets=["Bruksgatan", "Nissastigen", "Pappersvägen"], school="Örnaskolan",
                      outdoor=[("Samling vid Nissans badplats", "Meeting point: the Nissan bathing place", "Nissastigen 18")],
                      beach=[]),
    "Torup": dict(mun="Hylte", lat=56.9580, lon=13.0820, pool=False,
                  streets=["Stationsgatan", "Sjövägen"], school="Torupsskolan",
                  outdoor=[("Samling vid sjöns rastplats", "Meeting point: the lakeside rest area", "Sjövägen 5")], beach=[]),
    "Unnaryd": dict(mun="Hylte", lat=57.0410, lon=13.5290, pool=False,
                    streets=["Bolmenvägen", "Kyrkvägen"], school="Unnaryds skola",
                    outdoor=[("Samling vid sjöbodarna", "Meeting point: the lake huts", "Bolmenvägen 3")], beach=[]),
}

MUNICIPALITY_AREA_CODES = {
    "Halmstad": "035", "Varberg": "0340", "Falkenberg": "0346",
    "Kungsbacka": "0300", "Laholm": "0430", "Hylte": "0345",
}

# ---------------------------------------------------------------------------------------------
# Activity templates. An association runs some of these; each instance gets its own town, place,
# schedule, cost and audience. Templates whose title and text carry all seven languages make the
# translated share of the catalogue; the others are in Swedish and English.
#
#   kind   where it happens: room (the association's premises), kitchen, garden, shop, library,
#          hall, field (pitch), pool, outdoor, beach
#   when   slot types to draw a weekly time from (see SLOTS)
#   dates  for one-off activities: (first, last, weekdays, how many, start times)
# ---------------------------------------------------------------------------------------------

SLOTS = {
    "evening": ([1, 2, 3, 4], ["17:30", "18:00", "18:30", "19:00"]),
    "late": ([1, 2, 3, 4, 5], ["18:30", "19:00"]),
    "day": ([1, 2, 3, 4, 5], ["10:00", "10:30", "13:00", "13:30", "14:00"]),
    "morning": ([1, 2, 3, 4, 5], ["09:00", "09:30", "10:00"]),
    "lunch": ([1, 2, 3, 4, 5], ["11:30", "12:00"]),
    "afternoon": ([1, 2, 3, 4, 5], ["15:00", "15:30", "16:00"]),
    "weekend": ([6, 7], ["10:00", "10:30", "11:00", "13:00", "14:00"]),
    "night": ([5, 6], ["21:30", "22:00"]),
}

TEMPLATES = {}


def template(key, interests, kind, when, minutes, title, text, *, drop=0.85, costs=("free",),
             aud=None, access=(), dates=None, speaks=(), no_exp=False, rules=1):
    TEMPLATES[key] = dict(key=key, interests=list(interests), kind=kind, when=list(when), minutes=minutes,
                          title=title, text=text, drop=drop, costs=list(costs), aud=aud, access=list(access),
                          dates=dates, speaks=list(speaks), no_exp=no_exp, rules=rules)


# --- outdoors ---------------------------------------------------------------------------------
template("walk", ["outdoors"], "outdoor", ["day", "weekend", "morning"], 75, {
    "sv": "Promenad i lugnt tempo", "en": "Walk at an easy pace",
    "ar": "مشي بخطى هادئة", "fa": "پیاده‌روی آرام", "so": "Socod tartiib ah",
    "ti": "ህዱእ ዙረት ብእግሪ", "uk": "Прогулянка в спокійному темпі",
}, {
    "sv": "Vi går en runda på ungefär en timme i lugnt tempo och pratar om det vi vill. Ingen behöver hålla jämna steg med någon annan.",
    "en": "We walk for about an hour at an easy pace and talk about whatever we like. Nobody has to keep up with anyone.",
    "ar": "نمشي معاً لمدة ساعة تقريباً بخطى هادئة ونتحدث عمّا نحب. لا أحد مضطر إلى مجاراة غيره.",
    "fa": "حدود یک ساعت با قدم‌های آرام با هم راه می‌رویم و از هر چه دوست داریم حرف می‌زنیم. لازم نیست کسی پا به پای دیگری بیاید.",
    "so": "Qiyaastii saacad ayaan si tartiib ah u soconnaa, waxaanan ka sheekeysannaa wixii aan jecelnahay. Qofna uma baahna inuu la jaanqaado qof kale.",
    "ti": "ንሓደ ሰዓት ኣቢሉ ብህድኣት ብእግሪ ንዛወርን ብዝደለናዮ ንዘራረብን። ሓደ እኳ ምስ ካልእ ክቀዳደም ኣየድልዮን።",
    "uk": "Близько години ми гуляємо в спокійному темпі й розмовляємо про що завгодно. Нікому не треба ні за ким устигати.",
}, costs=("free", "bring_snack"))

template("nature-walk", ["outdoors"], "outdoor", ["weekend", "day"], 150, {
    "sv": "Naturpromenad med fika", "en": "Nature walk with coffee",
    "ar": "نزهة في الطبيعة مع القهوة", "fa": "پیاده‌روی در طبیعت با قهوه", "so": "Socod dabiicadda ah iyo kafee",
    "ti": "ዙረት ኣብ ተፈጥሮ ምስ ቡን", "uk": "Прогулянка на природі з кавою",
}, {
    "sv": "En lugn promenad i skog och mark där vi stannar för kaffe vid en rastplats. Klä dig efter väder och ta gärna med något att sitta på.",
    "en": "A calm walk through woods and fields with a coffee stop along the way. Dress for the weather and bring something to sit on.",
    "ar": "نزهة هادئة في الغابة والحقول نتوقف خلالها لشرب القهوة. ارتدِ ملابس مناسبة للطقس وأحضر شيئاً تجلس عليه.",
    "fa": "پیاده‌روی آرامی در جنگل و دشت که میانهٔ راه برای قهوه می‌ایستیم. لباس مناسب هوا بپوشید و چیزی برای نشستن همراه بیاورید.",
    "so": "Socod deggan oo kaynta iyo beeraha ah, waxaana ku nasanaynaa kafee. Dhar cimilada ku habboon xiro oo keen wax aad ku fadhiisato.",
    "ti": "ኣብ ጫካን ግራትን ህዱእ ዙረት እዩ፣ ኣብ መንገዲ ድማ ቡን ንሰቲ። ምስ ኩነታት ኣየር ዝሰማማዕ ክዳን ተኸደኑ፣ እትቕመጥሉ ነገር ድማ ኣምጽኡ።",
    "uk": "Спокійна прогулянка лісом і полями із зупинкою на каву. Вдягайтеся за погодою й візьміть щось, на чому можна сісти.",
}, costs=("free", "free_fika", "bring_snack"))

template("beach-walk", ["outdoors"], "beach", ["weekend", "day", "morning"], 75, {
    "sv": "Strandpromenad", "en": "Beach walk",
    "ar": "نزهة على الشاطئ", "fa": "پیاده‌روی کنار ساحل", "so": "Socod xeebta ah",
    "ti": "ዙረት ኣብ ገምገም ባሕሪ", "uk": "Прогулянка узбережжям",
}, {
    "sv": "Vi går längs stranden, andas havsluft och lyssnar på vågorna. Promenaden tar ungefär en timme.",
    "en": "We walk along the beach, breathe the sea air and listen to the waves. The walk takes about an hour.",
    "ar": "نمشي على طول الشاطئ ونستنشق هواء البحر ونستمع إلى الأمواج. تستغرق النزهة نحو ساعة.",
    "fa": "در امتداد ساحل قدم می‌زنیم، هوای دریا را نفس می‌کشیم و به صدای موج‌ها گوش می‌دهیم. پیاده‌روی حدود یک ساعت طول می‌کشد.",
    "so": "Waxaan ku soconnaa xeebta, neefsanaynaa hawada badda oo dhegaysanaynaa mowjadaha. Socodku wuxuu qaataa qiyaastii saacad.",
    "ti": "ኣብ ገምገም ባሕሪ ንዛወር፣ ኣየር ባሕሪ ንስሕብን ድምጺ ማዕበል ንሰምዕን። እቲ ዙረት ሓደ ሰዓት ኣቢሉ ይወስድ።",
    "uk": "Ми гуляємо вздовж пляжу, дихаємо морським повітрям і слухаємо хвилі. Прогулянка триває близько години.",
}, costs=("free",))

template("nordic-walking", ["outdoors", "sport"], "outdoor", ["evening", "day"], 60, {
    "sv": "Stavgång för nybörjare", "en": "Nordic walking for beginners",
    "ar": "المشي بالعصي للمبتدئين", "fa": "پیاده‌روی نوردیک برای مبتدی‌ها", "so": "Socodka ulaha ee dadka bilowga ah",
    "ti": "ብበትሪ ምኻድ ንጀመርቲ", "uk": "Скандинавська ходьба для початківців",
}, {
    "sv": "Vi lånar ut stavar och visar tekniken. Vi går i lugnt tempo på upplysta stigar.",
    "en": "We lend you poles and show you the technique. We walk at a calm pace on lit paths.",
    "ar": "نعيرك العصي ونعلّمك الطريقة. نمشي بهدوء على ممرات مضاءة.",
    "fa": "باتوم به شما قرض می‌دهیم و روش را نشان می‌دهیم. در مسیرهای روشن با آرامش راه می‌رویم.",
    "so": "Ulaha ayaan ku amaahinaynaa oo ku tusaynaa sida loo isticmaalo. Waxaan si tartiib ah ugu soconnaa waddooyin iftiin leh.",
    "ti": "በትሪ ነለቅሓኩም፣ ኣገባቡ ድማ ነርእየኩም። ኣብ ብርሃን ዘለዎ መገዲ ብህድኣት ንኸይድ።",
    "uk": "Ми позичимо палиці й покажемо техніку. Ходимо спокійно освітленими стежками.",
}, costs=("free", "member100"), aud=(["adults", "seniors"], None, None), no_exp=True)

template("forest-bathing", ["outdoors", "talk"], "outdoor", ["weekend", "day"], 90, {
    "sv": "Skogsbad – stillhet i skogen", "en": "Forest bathing – stillness in the woods",
}, {
    "sv": "Vi går långsamt in i skogen, stannar upp och använder alla sinnen. En ledare guidar med några enkla övningar, resten av tiden är vi tysta tillsammans.",
    "en": "We walk slowly into the forest, pause and use all our senses. A guide leads a few simple exercises; the rest of the time we are quiet together.",
}, drop=0.5, costs=("free", "fika20"), aud=(["adults"], 18, None))

template("birdwatching", ["outdoors"], "beach", ["weekend", "morning"], 120, {
    "sv": "Fågelskådning för nybörjare", "en": "Birdwatching for beginners",
}, {
    "sv": "Vi tittar på vinterns fåglar, från sjöfåglar och gäss till småfåglarna vid fågelbordet. Kikare finns att låna och ingen förkunskap behövs.",
    "en": "We look at the winter birds, from waterfowl and geese to the small birds at the feeder. Binoculars can be borrowed and no previous knowledge is needed.",
}, costs=("free", "bring_snack"))

template("winter-bonfire", ["outdoors", "cooking"], "outdoor", [], 150, {
    "sv": "Brasa i vinterskogen", "en": "Campfire in the winter forest",
}, {
    "sv": "Vi tänder en brasa, grillar korv eller halloumi och dricker varm choklad. Klä dig varmt!",
    "en": "We light a campfire, grill sausages or halloumi and drink hot chocolate. Dress warmly!",
}, costs=("free", "free_fika"), dates=("2027-01-09", "2027-03-07", [6, 7], (2, 4), ["11:00", "13:00"]))

template("night-walk", ["volunteering", "outdoors"], "room", ["night"], 180, {
    "sv": "Nattvandring", "en": "Night walk",
}, {
    "sv": "Vuxna som rör sig ute på helgkvällar gör stan tryggare för unga. Vi samlas i föreningens lokal, går i grupp med gula västar och avslutar med varm dryck.",
    "en": "Adults out and about on weekend evenings make town safer for young people. We meet at the association's premises, walk in groups wearing yellow vests and finish with a hot drink.",
}, drop=0.3, aud=(["adults"], 18, None), rules=1)

template("stargazing", ["outdoors", "culture"], "outdoor", [], 120, {
    "sv": "Stjärnkväll", "en": "Stargazing evening",
}, {
    "sv": "När det är klart tittar vi på stjärnor och planeter i teleskop, långt från gatlyktorna. Vid moln blir det ett kort föredrag inomhus.",
    "en": "On clear nights we look at stars and planets through telescopes, far from the street lights. If it is cloudy we have a short talk indoors.",
}, dates=("2026-12-01", "2027-02-28", [3, 4, 5], (2, 4), ["19:00", "19:30"]))

template("holiday-walk", ["outdoors"], "outdoor", [], 90, {
    "sv": "Promenad i jul- och nyårshelgen", "en": "Walk over the Christmas and New Year holidays",
}, {
    "sv": "Ut och gå i helgerna! En lugn promenad i dagsljus och varm alkoholfri glögg efteråt. Skönt för dig som inte vill vara ensam hemma.",
    "en": "Get out for a walk over the holidays! A calm walk in daylight and hot alcohol-free mulled wine afterwards. Good if you would rather not be home alone.",
}, costs=("free",), dates=("2026-12-25", "2027-01-01", [1, 2, 3, 4, 5, 6, 7], (3, 4), ["11:00", "12:00", "13:00"]))

template("winter-swim", ["sport", "outdoors"], "beach", ["weekend", "morning"], 60, {
    "sv": "Vinterbad med bastu", "en": "Winter swim with sauna",
}, {
    "sv": "Ett snabbt dopp i havet och sedan värme i bastun. Du doppar dig bara om du vill – bastun räcker gott.",
    "en": "A quick dip in the sea and then warmth in the sauna. Only take a dip if you want to – the sauna alone is fine.",
}, costs=("sauna30",), aud=(["adults"], 16, None))

# --- music ------------------------------------------------------------------------------------
template("open-choir", ["music"], "room", ["evening"], 90, {
    "sv": "Öppen kör – alla kan sjunga", "en": "Open choir – everyone can sing",
    "ar": "جوقة مفتوحة – الجميع يستطيع الغناء", "fa": "گروه کر باز – همه می‌توانند بخوانند",
    "so": "Koox heeseed oo furan – qof walba wuu heesi karaa", "ti": "ክፉት ጉጅለ መዘምራን – ኩሉ ሰብ ክደርፍ ይኽእል",
    "uk": "Відкритий хор – співати можуть усі",
}, {
    "sv": "Vi sjunger enkla sånger i stämmor och på flera språk. Du behöver inte kunna läsa noter.",
    "en": "We sing simple songs in parts and in several languages. You do not need to read music.",
    "ar": "نغني أغاني بسيطة بعدة أصوات وبلغات مختلفة. لا تحتاج إلى معرفة قراءة النوتات.",
    "fa": "ترانه‌های ساده را چندصدایی و به چند زبان می‌خوانیم. لازم نیست نت‌خوانی بلد باشید.",
    "so": "Waxaan ku heesnaa heeso fudud oo luqado kala duwan ah. Uma baahnid inaad akhrin karto qoraalka muusigga.",
    "ti": "ቀለልቲ ደርፍታት ብብዙሕ ቋንቋታት ንደርፍ። ኖታ ሙዚቃ ከተንብቡ ኣየድልየኩምን።",
    "uk": "Ми співаємо прості пісні на кілька голосів і різними мовами. Уміти читати ноти не потрібно.",
}, costs=("free", "member100", "fika20"))

template("sing-along", ["music"], "room", ["day", "afternoon"], 90, {
    "sv": "Allsång med kaffe", "en": "Sing-along with coffee",
    "ar": "غناء جماعي مع القهوة", "fa": "آواز دسته‌جمعی با قهوه", "so": "Hees wadajir ah iyo kafee",
    "ti": "ብሓባር ምድራፍ ምስ ቡን", "uk": "Співаємо разом за кавою",
}, {
    "sv": "Vi sjunger gamla och nya sånger tillsammans, med texterna på duk. Efteråt fikar vi.",
    "en": "We sing old and new songs together with the lyrics on a screen. Afterwards we have coffee.",
    "ar": "نغني معاً أغاني قديمة وجديدة والكلمات معروضة على الشاشة. بعد ذلك نشرب القهوة.",
    "fa": "ترانه‌های قدیمی و جدید را با هم می‌خوانیم و متن آن‌ها روی پرده است. بعد با هم قهوه می‌نوشیم.",
    "so": "Waxaan wada qaadnaa heeso hore iyo kuwo cusub, ereyaduna shaashadda ayay ku qoran yihiin. Kadib kafee ayaan cabnaa.",
    "ti": "ናይ ቀደምን ሓደስትን ደርፍታት ብሓባር ንደርፍ፣ ቃላቱ ድማ ኣብ መጋረጃ ይርአ። ድሕሪኡ ቡን ንሰቲ።",
    "uk": "Ми разом співаємо старі й нові пісні, слова показуємо на екрані. Потім п’ємо каву.",
}, costs=("fika20", "free_fika"))

template("jam", ["music"], "room", ["evening", "late"], 120, {
    "sv": "Jam för nybörjare", "en": "Beginners' jam session",
}, {
    "sv": "Ta med ditt instrument eller låna ett av våra. Vi spelar enkla låtar med några få ackord och har roligt tillsammans.",
    "en": "Bring your instrument or borrow one of ours. We play simple songs with just a few chords and have fun together.",
}, costs=("free", "member100"), aud=(["adults", "youth"], 15, None))

template("ukulele", ["music"], "room", ["evening"], 90, {
    "sv": "Ukulele från början", "en": "Ukulele from scratch",
}, {
    "sv": "Lär dig fyra ackord och spela din första låt redan första kvällen. Vi lånar ut ukuleles.",
    "en": "Learn four chords and play your first song on the very first evening. We lend out ukuleles.",
}, drop=0.4, costs=("free", "material50"), no_exp=True)

template("drum-circle", ["music"], "room", ["evening", "weekend"], 90, {
    "sv": "Trumcirkel", "en": "Drum circle",
}, {
    "sv": "Vi sitter i ring och spelar på trummor och rytminstrument. Ingen kan göra fel – rytmen bär oss.",
    "en": "We sit in a circle and play drums and percussion. Nobody can get it wrong – the rhythm carries us.",
}, costs=("free",))

template("music-listening", ["music", "talk"], "room", ["day", "afternoon"], 90, {
    "sv": "Lyssna på musik tillsammans", "en": "Listening to music together",
}, {
    "sv": "Varje gång tar någon med sig musik som betyder något för hen. Vi lyssnar och pratar om minnen och känslor.",
    "en": "Each time someone brings music that means something to them. We listen and talk about memories and feelings.",
}, costs=("free_fika", "fika20"))

template("concert", ["music", "culture"], "room", [], 75, {
    "sv": "Vinterkonsert", "en": "Winter concert",
}, {
    "sv": "En kort konsert med föreningens musiker, med fika i pausen.",
    "en": "A short concert by the association's musicians, with coffee in the interval.",
}, costs=("free_fika", "entry60"), dates=("2026-12-05", "2027-03-28", [5, 6, 7], (2, 3), ["15:00", "18:00", "19:00"]))

# --- crafts -----------------------------------------------------------------------------------
template("knitting", ["crafts"], "room", ["day", "evening"], 120, {
    "sv": "Stickcafé", "en": "Knitting café",
    "ar": "مقهى الحياكة", "fa": "کافه بافتنی", "so": "Kafee tolmo",
    "ti": "ካፈ ስፍየት", "uk": "В’язальне кафе",
}, {
    "sv": "Ta med din stickning eller virkning, eller låna garn och stickor av oss. Vi hjälper gärna nybörjare.",
    "en": "Bring your knitting or crochet, or borrow yarn and needles from us. Beginners are very welcome.",
    "ar": "أحضر أشغال الحياكة أو الكروشيه الخاصة بك، أو استعر منا الصوف والإبر. المبتدئون مرحب بهم.",
    "fa": "بافتنی یا قلاب‌بافی خودتان را بیاورید، یا کاموا و میل از ما قرض بگیرید. از تازه‌کارها با کمال میل استقبال می‌کنیم.",
    "so": "Keen tolmadaada, ama naga amaaho dun iyo irbado. Dadka bilowga ah aad baa loo soo dhaweynayaa.",
    "ti": "ናይ ስፍየት ስራሕኩም ኣምጽኡ፣ ወይ ድማ ፈትልን መርፍእን ካባና ተለቅሑ። ጀመርቲ ብሓጎስ ንቕበል።",
    "uk": "Беріть із собою своє в’язання або позичте в нас пряжу та спиці. Початківцям завжди раді.",
}, costs=("fika20", "free_fika", "free"))

template("mending", ["crafts"], "room", ["evening"], 120, {
    "sv": "Lagningskväll – sy och laga", "en": "Mending evening – sew and repair",
    "ar": "أمسية الترقيع – خياطة وتصليح", "fa": "شب وصله‌کاری – خیاطی و تعمیر",
    "so": "Habeenka dayactirka – tolid iyo hagaajin", "ti": "ምሸት ምጽጋን ክዳን – ምስፋይን ምጽጋንን",
    "uk": "Вечір ремонту одягу – шиємо й лагодимо",
}, {
    "sv": "Vi lagar kläder, syr i knappar och byter dragkedjor tillsammans. Symaskiner och tråd finns på plats.",
    "en": "We mend clothes, sew on buttons and replace zips together. Sewing machines and thread are provided.",
    "ar": "نصلح الملابس معاً ونخيط الأزرار ونبدّل السحّابات. آلات الخياطة والخيوط متوفرة.",
    "fa": "با هم لباس تعمیر می‌کنیم، دکمه می‌دوزیم و زیپ عوض می‌کنیم. چرخ خیاطی و نخ آنجا هست.",
    "so": "Waxaan wada hagaajinnaa dharka, badhamada ku tollaa oo beddellaa siibabka. Mishiinnada tolida iyo dunta waa la heli karaa.",
    "ti": "ክዳውንቲ ብሓባር ንጽግን፣ መልጎም ንሰፍን ዚፕ ንቕይርን። መኪና ስፍየትን ፈትልን ኣሎ።",
    "uk": "Разом лагодимо одяг, пришиваємо ґудзики й міняємо блискавки. Швейні машинки та нитки є на місці.",
}, costs=("free", "fika20"))

template("watercolour", ["crafts", "culture"], "room", ["day", "evening"], 120, {
    "sv": "Måla akvarell", "en": "Watercolour painting",
    "ar": "الرسم بالألوان المائية", "fa": "نقاشی با آبرنگ", "so": "Sawirista midabada biyaha",
    "ti": "ስእሊ ብማይ ሕብሪ", "uk": "Малюємо аквареллю",
}, {
    "sv": "Vi målar i akvarell i lugn och ro, med en enkel uppgift för den som vill. Papper och färger finns.",
    "en": "We paint in watercolour in peace and quiet, with a simple task for those who want one. Paper and paints are provided.",
    "ar": "نرسم بالألوان المائية بهدوء، مع تمرين بسيط لمن يرغب. الورق والألوان متوفرة.",
    "fa": "در آرامش با آبرنگ نقاشی می‌کنیم و برای هر کس که بخواهد یک تمرین ساده هست. کاغذ و رنگ آماده است.",
    "so": "Si deggan ayaan ugu sawirnaa midabada biyaha, qofkii doonana hawl fudud ayaa loo diyaariyey. Warqadaha iyo midabada waa la heli karaa.",
    "ti": "ብህድኣት ብማይ ሕብሪ ንስእል፣ ንዝደሊ ድማ ቀሊል ልምምድ ኣሎ። ወረቐትን ሕብርን ኣሎ።",
    "uk": "Ми спокійно малюємо аквареллю, а хто хоче – отримує просте завдання. Папір і фарби є.",
}, costs=("material50", "free", "fika20"), no_exp=True)

template("xmas-crafts", ["crafts"], "room", [], 150, {
    "sv": "Julpyssel", "en": "Christmas crafts",
    "ar": "أشغال يدوية لعيد الميلاد", "fa": "کاردستی کریسمس", "so": "Farshaxanka Kirismaska",
    "ti": "ኢደ-ጥበብ ልደት", "uk": "Різдвяні вироби",
}, {
    "sv": "Vi gör julkort, pappersstjärnor och små dekorationer. Alla åldrar är välkomna och allt material finns på plats.",
    "en": "We make Christmas cards, paper stars and small decorations. All ages are welcome and all materials are provided.",
    "ar": "نصنع بطاقات عيد الميلاد ونجوماً ورقية وزينة صغيرة. نرحب بالجميع من كل الأعمار، وكل المواد متوفرة.",
    "fa": "کارت کریسمس، ستاره‌های کاغذی و تزئینات کوچک درست می‌کنیم. از همهٔ سنین استقبال می‌کنیم و همهٔ وسایل آماده است.",
    "so": "Waxaan samaynaa kaararka Kirismaska, xiddigo warqad ah iyo qurxin yaryar. Da' kasta waa la soo dhaweynayaa, qalabka oo dhanna waa diyaar.",
    "ti": "ካርድ ልደት፣ ናይ ወረቐት ኮኾባትን ንኣሽቱ መጌጽን ንሰርሕ። ኩሉ ዕድመ እንቋዕ ብደሓን መጻእኩም፣ ኩሉ ንዋት ኣሎ።",
    "uk": "Робимо різдвяні листівки, паперові зірки й маленькі прикраси. Запрошуємо людей будь-якого віку, усі матеріали є на місці.",
}, costs=("free", "free_fika"), aud=(["everyone", "parents"], None, None),
    dates=("2026-11-28", "2026-12-20", [3, 6, 7], (1, 3), ["11:00", "13:00", "17:00"]))

template("woodwork", ["crafts", "outdoors"], "room", ["evening", "weekend"], 150, {
    "sv": "Täljning och trähantverk", "en": "Whittling and woodcraft",
}, {
    "sv": "Vi täljer smörknivar, skedar och små figurer i färskt trä. Knivar och handledning finns.",
    "en": "We whittle butter knives, spoons and small figures from fresh wood. Knives and guidance are provided.",
}, drop=0.5, costs=("material50", "free"), aud=(["adults", "youth"], 12, None), no_exp=True)

template("pottery", ["crafts", "culture"], "room", ["evening", "day"], 150, {
    "sv": "Lera och keramik", "en": "Clay and pottery",
}, {
    "sv": "Vi bygger skålar och koppar för hand och provar på drejskivan. Det du gör bränns i föreningens ugn.",
    "en": "We hand-build bowls and cups and try the potter's wheel. What you make is fired in the association's kiln.",
}, drop=0.3, costs=("material50",), no_exp=True)

template("crochet", ["crafts"], "room", ["day", "evening"], 120, {
    "sv": "Virkning för nybörjare", "en": "Crochet for beginners",
}, {
    "sv": "Vi lär oss grunderna i virkning och gör en enkel grytlapp eller mormorsruta.",
    "en": "We learn the basics of crochet and make a simple potholder or granny square.",
}, costs=("free", "material50"), no_exp=True)

template("bike-repair", ["crafts", "volunteering"], "room", ["evening", "weekend"], 150, {
    "sv": "Cykelverkstad – laga din cykel", "en": "Bike workshop – fix your bike",
}, {
    "sv": "Kom med din cykel så hjälper vi dig att laga punktering, byta bromsklossar eller ställa in växlarna. Verktyg finns.",
    "en": "Bring your bike and we will help you fix a puncture, change brake pads or adjust the gears. Tools are provided.",
}, costs=("free",))

# --- talk -------------------------------------------------------------------------------------
template("stress", ["talk"], "room", ["evening", "day"], 90, {
    "sv": "Samtalsgrupp om vardagsstress", "en": "Talk group about everyday stress",
    "ar": "مجموعة حوار حول ضغوط الحياة اليومية", "fa": "گروه گفتگو دربارهٔ استرس روزمره",
    "so": "Koox wadahadal oo ku saabsan walbahaarka maalinlaha ah", "ti": "ጉጅለ ዘተ ብዛዕባ መዓልታዊ ጸቕጢ",
    "uk": "Група розмов про щоденний стрес",
}, {
    "sv": "En liten grupp där vi pratar om stress, oro och hur vardagen kan bli lite lättare. Du bestämmer själv hur mycket du vill säga. Samtalsledaren är volontär, inte behandlare.",
    "en": "A small group where we talk about stress, worry and how everyday life can get a little easier. You decide how much you want to say. The group leader is a volunteer, not a therapist.",
    "ar": "مجموعة صغيرة نتحدث فيها عن الضغط والقلق وكيف يمكن أن تصبح الحياة اليومية أسهل قليلاً. أنت تقرر كم تريد أن تقول. من يدير الحوار متطوع وليس معالجاً.",
    "fa": "گروهی کوچک که در آن دربارهٔ استرس، نگرانی و راه‌های آسان‌تر کردن زندگی روزمره حرف می‌زنیم. خودتان تصمیم می‌گیرید چقدر صحبت کنید. گرداننده داوطلب است، نه درمانگر.",
    "so": "Koox yar oo aan kaga hadalno walbahaarka, welwelka iyo sidii nolosha maalinlaha ahi u fududaan lahayd. Adiga ayaa go'aansanaya inta aad sheegayso. Hoggaamiyaha kooxdu waa tabarruce, ma aha daaweeye.",
    "ti": "ብዛዕባ ጸቕጢ፣ ጭንቀትን ከመይ ጌርና መዓልታዊ ህይወት ቁሩብ ከነቃልሎ ከም እንኽእልን እንዘራረበሉ ንእሽቶ ጉጅለ እዩ። ክንደይ ክትዛረቡ ከም እትደልዩ ባዕልኹም ትውስኑ። መራሒ ዘተ ወለንተኛ እዩ እምበር ሓካይ ኣይኮነን።",
    "uk": "Невелика група, де ми говоримо про стрес, тривогу і про те, як зробити щоденне життя трохи легшим. Ви самі вирішуєте, скільки розповідати. Ведучий – волонтер, а не терапевт.",
}, drop=0.35, costs=("free", "free_fika"), aud=(["adults"], 18, None), access=("quiet-space",))

template("walk-talk", ["talk", "outdoors"], "outdoor", ["day", "evening", "weekend"], 60, {
    "sv": "Gå och prata", "en": "Walk and talk",
    "ar": "نمشي ونتحدث", "fa": "قدم بزنیم و حرف بزنیم", "so": "Soco oo sheekee",
    "ti": "እናተጓዓዝና ንዘራረብ", "uk": "Гуляємо й розмовляємо",
}, {
    "sv": "Det är ofta lättare att prata när man går bredvid varandra. Vi går en timme i lugnt tempo, två och två eller i grupp.",
    "en": "It is often easier to talk while walking side by side. We walk for an hour at a calm pace, in pairs or as a group.",
    "ar": "غالباً ما يكون الحديث أسهل ونحن نمشي جنباً إلى جنب. نمشي ساعة بهدوء، اثنين اثنين أو في مجموعة.",
    "fa": "وقتی کنار هم راه می‌رویم، حرف زدن اغلب آسان‌تر است. یک ساعت با آرامش، دونفره یا گروهی قدم می‌زنیم.",
    "so": "Inta badan way fududahay in la wada hadlo marka la is-garab socdo. Saacad ayaan si tartiib ah u soconnaa, laba-laba ama koox ahaan.",
    "ti": "ጎኒ ንጎኒ እናኸድካ ምዝርራብ መብዛሕትኡ ግዜ ይቐልል። ንሓደ ሰዓት ብህድኣት ንኸይድ፣ ክልተ ክልተ ወይ ብጉጅለ።",
    "uk": "Часто легше говорити, коли йдеш пліч-о-пліч. Ми гуляємо годину в спокійному темпі, парами або групою.",
}, costs=("free",), aud=(["adults"], 18, None))

template("men-talk", ["talk"], "room", ["evening", "day"], 90, {
    "sv": "Mansträff – prata över en kopp kaffe", "en": "Men's meet-up – talk over a coffee",
    "ar": "لقاء الرجال – حديث على فنجان قهوة", "fa": "دورهمی مردانه – گپ با یک فنجان قهوه",
    "so": "Kulanka ragga – sheeko koob kafee ah", "ti": "ርክብ ደቂ ተባዕትዮ – ዘተ ምስ ጽዋእ ቡን",
    "uk": "Чоловічі зустрічі – розмова за кавою",
}, {
    "sv": "En avslappnad träff för män i alla åldrar. Vi pratar om livet, jobbet, familjen eller fotboll – eller sitter bara tillsammans en stund.",
    "en": "A relaxed meet-up for men of all ages. We talk about life, work, family or football – or just sit together for a while.",
    "ar": "لقاء مريح للرجال من جميع الأعمار. نتحدث عن الحياة والعمل والعائلة أو كرة القدم – أو نجلس معاً فقط لبعض الوقت.",
    "fa": "دورهمی آرام برای مردان در هر سنی. از زندگی، کار، خانواده یا فوتبال حرف می‌زنیم – یا فقط کمی کنار هم می‌نشینیم.",
    "so": "Kulan deggan oo loogu talagalay ragga da' kasta. Waxaan ka sheekeysannaa nolosha, shaqada, qoyska ama kubadda cagta – ama waxaan si fudud u wada fadhinnaa in yar.",
    "ti": "ንደቂ ተባዕትዮ ኩሉ ዕድመ ዝኸውን ዘዛናጋዕ ርክብ። ብዛዕባ ህይወት፣ ስራሕ፣ ስድራ ወይ ኩዕሶ እግሪ ንዘራረብ – ወይ ድማ ንሓጺር ግዜ ብሓባር ጥራይ ንቕመጥ።",
    "uk": "Невимушена зустріч для чоловіків будь-якого віку. Говоримо про життя, роботу, сім’ю чи футбол – або просто трохи сидимо разом.",
}, costs=("free_fika", "free"), aud=(["men"], 18, None))

template("women-cafe", ["talk"], "room", ["day", "evening"], 120, {
    "sv": "Kvinnocafé", "en": "Women's café",
    "ar": "مقهى النساء", "fa": "کافه زنان", "so": "Kafeega haweenka",
    "ti": "ካፈ ደቂ ኣንስትዮ", "uk": "Жіноче кафе",
}, {
    "sv": "En trygg träffpunkt för kvinnor, där vi fikar, pratar och ibland gör något kreativt. Barn i förskoleåldern får följa med.",
    "en": "A safe meeting place for women where we have coffee, talk and sometimes do something creative. Pre-school children may come along.",
    "ar": "مكان لقاء آمن للنساء نشرب فيه القهوة ونتحدث، وأحياناً نصنع شيئاً إبداعياً. يمكن إحضار الأطفال في سن ما قبل المدرسة.",
    "fa": "پاتوقی امن برای زنان که در آن قهوه می‌نوشیم، گپ می‌زنیم و گاهی کار خلاقانه‌ای می‌کنیم. کودکان پیش‌دبستانی هم می‌توانند بیایند.",
    "so": "Goob kulan oo ammaan ah oo haweenku ku cabbaan kafee, ku sheekeystaan, mararka qaarna wax hal-abuur leh ku sameeyaan. Carruurta aan weli dugsiga gelin waa la keeni karaa.",
    "ti": "ደቂ ኣንስትዮ ቡን እንሰትየሉ፣ እንዘራረበሉን ሓደ ሓደ ግዜ ፈጠራዊ ነገር እንሰርሓሉን ውሑስ ቦታ ርክብ። ቆልዑ ቅድሚ ቤት ትምህርቲ ምሳኽን ክመጹ ይኽእሉ።",
    "uk": "Безпечне місце зустрічей для жінок: п’ємо каву, розмовляємо, а іноді робимо щось творче. Можна прийти з дітьми дошкільного віку.",
}, costs=("free_fika", "free"), aud=(["women"], None, None))

template("open-meeting", ["talk", "games"], "room", ["day", "afternoon"], 180, {
    "sv": "Öppen träffpunkt", "en": "Open meeting point",
    "ar": "ملتقى مفتوح", "fa": "پاتوق باز", "so": "Goob kulan oo furan",
    "ti": "ክፉት ቦታ ርክብ", "uk": "Відкрите місце зустрічей",
}, {
    "sv": "En varm plats att vara på när dagarna känns långa. Det finns kaffe, tidningar, spel och någon att prata med.",
    "en": "A warm place to be when the days feel long. There is coffee, newspapers, games and someone to talk to.",
    "ar": "مكان دافئ تقضي فيه الوقت حين تبدو الأيام طويلة. هناك قهوة وصحف وألعاب وشخص تتحدث معه.",
    "fa": "جایی گرم برای بودن، وقتی روزها طولانی به نظر می‌رسند. قهوه، روزنامه، بازی و کسی برای هم‌صحبتی هست.",
    "so": "Meel diiran oo lagu joogo marka maalmuhu dheeraadaan. Waxaa jira kafee, wargeysyo, ciyaaro iyo qof aad la sheekeysato.",
    "ti": "መዓልታት ነዊሕ ክመስል ከሎ እትጸንሑሉ ምቹእ ቦታ። ቡን፣ ጋዜጣታት፣ ጸወታታትን እትዘራረብዎ ሰብን ኣሎ።",
    "uk": "Тепле місце, куди можна прийти, коли дні здаються довгими. Тут є кава, газети, ігри й хтось, з ким можна поговорити.",
}, drop=1.0, costs=("free_fika", "free"), rules=2)

template("newcomers-talk", ["talk", "language-cafe"], "room", ["evening", "day"], 90, {
    "sv": "Samtal för nyanlända – livet i Sverige", "en": "Talk for newcomers – life in Sweden",
    "ar": "حوار للقادمين الجدد – الحياة في السويد", "fa": "گفتگو برای تازه‌واردان – زندگی در سوئد",
    "so": "Wadahadal loogu talagalay dadka cusub – nolosha Iswiidhan", "ti": "ዘተ ንሓደስቲ መጻእቲ – ህይወት ኣብ ሽወደን",
    "uk": "Розмови для новоприбулих – життя у Швеції",
}, {
    "sv": "Vi pratar om det som är nytt och ibland svårt: vinter, skola, jobb och att hitta vänner. Vi hjälps åt att översätta.",
    "en": "We talk about what is new and sometimes hard: winter, school, work and making friends. We help each other translate.",
    "ar": "نتحدث عمّا هو جديد وصعب أحياناً: الشتاء والمدرسة والعمل وتكوين الصداقات. نساعد بعضنا في الترجمة.",
    "fa": "دربارهٔ چیزهای تازه و گاهی سخت حرف می‌زنیم: زمستان، مدرسه، کار و پیدا کردن دوست. در ترجمه به هم کمک می‌کنیم.",
    "so": "Waxaan ka hadalnaa waxyaabaha cusub ee mararka qaar adag: jiilaalka, dugsiga, shaqada iyo helidda saaxiibo. Turjumaadda waan isku caawinnaa.",
    "ti": "ብዛዕባ ሓድሽን ሓደ ሓደ ግዜ ከቢድን ነገራት ንዘራረብ፦ ቁሪ፣ ቤት ትምህርቲ፣ ስራሕን ምርካብ ኣዕሩኽን። ኣብ ትርጉም ንሓድሕድና ንተሓጋገዝ።",
    "uk": "Говоримо про те, що нове, а часом і складне: зима, школа, робота, пошук друзів. Із перекладом допомагаємо одне одному.",
}, costs=("free_fika",), aud=(["newcomers", "adults"], 16, None))

template("sleep-group", ["talk"], "room", ["evening"], 90, {
    "sv": "Samtal om sömn och vila", "en": "Talking about sleep and rest",
}, {
    "sv": "Vi delar erfarenheter och enkla knep för bättre sömn och mer vila i vardagen. Gruppen leds av en utbildad volontär.",
    "en": "We share experiences and simple tips for better sleep and more rest in everyday life. The group is led by a trained volunteer.",
}, drop=0.4, costs=("free",), aud=(["adults"], 18, None), access=("quiet-space",))

template("parents-talk", ["talk"], "room", ["day", "afternoon"], 120, {
    "sv": "Föräldraträff", "en": "Parents' meet-up",
}, {
    "sv": "Fika och samtal för föräldrar till barn i alla åldrar. Barnen leker i rummet bredvid med en volontär.",
    "en": "Coffee and conversation for parents of children of all ages. The children play next door with a volunteer.",
}, costs=("free_fika",), aud=(["parents"], None, None))

template("grief", ["talk"], "room", ["evening"], 90, {
    "sv": "Samtalsgrupp om sorg", "en": "Talk group about grief",
}, {
    "sv": "För dig som har förlorat någon närstående. Vi träffas i en liten sluten grupp åtta gånger.",
    "en": "For you who have lost someone close. We meet in a small closed group eight times.",
}, drop=0.0, costs=("free",), aud=(["adults"], 18, None), access=("quiet-space",))

template("youth-talk", ["talk", "games"], "room", ["afternoon"], 150, {
    "sv": "Ungdomshäng – prata och chilla", "en": "Youth hangout – talk and chill",
}, {
    "sv": "En lugn plats för unga att hänga, spela och prata med vuxna som lyssnar.",
    "en": "A calm place for young people to hang out, play games and talk with adults who listen.",
}, drop=1.0, costs=("free",), aud=(["youth"], 13, 25))

template("lgbtq-fika", ["talk"], "room", ["evening"], 120, {
    "sv": "Regnbågsfika", "en": "Rainbow coffee",
}, {
    "sv": "En trygg fika för hbtqi-personer och vänner. Vi pratar om allt och inget.",
    "en": "A safe coffee meet-up for LGBTQI people and friends. We talk about everything and nothing.",
}, costs=("free_fika",), aud=(["lgbtq"], 16, None))

template("christmas-eve", ["cooking", "talk"], "kitchen", [], 300, {
    "sv": "Julafton tillsammans", "en": "Christmas Eve together",
    "ar": "عشية عيد الميلاد معاً", "fa": "شب کریسمس با هم", "so": "Habeenka ka horreeya Kirismaska oo wadajir ah",
    "ti": "ዋዜማ ልደት ብሓባር", "uk": "Святвечір разом",
}, {
    "sv": "Ingen ska behöva vara ensam på julafton. Vi äter julmat och umgås i lugn takt. Det finns mat utan fläsk och vegetariskt.",
    "en": "Nobody should have to be alone on Christmas Eve. We eat Christmas food and spend time together at a calm pace. There is pork-free and vegetarian food.",
    "ar": "لا ينبغي أن يكون أحد وحيداً عشية عيد الميلاد. نتناول طعام العيد ونقضي الوقت معاً بهدوء. يتوفر طعام خالٍ من لحم الخنزير وطعام نباتي.",
    "fa": "هیچ‌کس نباید شب کریسمس تنها باشد. غذای کریسمس می‌خوریم و با آرامش کنار هم وقت می‌گذرانیم. غذای بدون گوشت خوک و غذای گیاهی هم هست.",
    "so": "Qofna waa inuusan kelinimo ku dareemin maalinta ka horreysa Kirismaska. Waxaan cunnaa cuntada Kirismaska, waxaanan si deggan u wada joognaa. Waxaa jira cunto aan doofaar lahayn iyo cunto khudaar ah.",
    "ti": "ብዋዜማ ልደት ሓደ እኳ በይኑ ክኸውን የብሉን። መግቢ በዓል ንበልዕ፣ ብህድኣት ድማ ብሓባር ግዜ ነሕልፍ። ብዘይ ስጋ ሓሰማ ዝተሰርሐን ናይ ኣሕምልትን መግቢ እውን ኣሎ።",
    "uk": "Ніхто не повинен бути сам на Святвечір. Ми їмо святкові страви й спокійно проводимо час разом. Є страви без свинини та вегетаріанські.",
}, drop=0.5, costs=("free",), dates=("2026-12-24", "2026-12-24", [4], (1, 1), ["12:00", "13:00"]))

# --- language café ----------------------------------------------------------------------------
template("language-cafe", ["language-cafe"], "library", ["evening", "day", "afternoon"], 120, {
    "sv": "Språkcafé", "en": "Language café",
    "ar": "مقهى اللغة", "fa": "کافه زبان", "so": "Kafee luqadeed",
    "ti": "ካፈ ቋንቋ", "uk": "Мовне кафе",
}, {
    "sv": "Öva svenska i lugn takt över en kopp kaffe. Vi sitter i små grupper med en volontär vid varje bord, och alla nivåer är välkomna.",
    "en": "Practise Swedish at a calm pace over a cup of coffee. We sit in small groups with a volunteer at each table, and all levels are welcome.",
    "ar": "تدرّب على اللغة السويدية بهدوء مع فنجان قهوة. نجلس في مجموعات صغيرة مع متطوع على كل طاولة، وجميع المستويات مرحب بها.",
    "fa": "سوئدی را با آرامش و با یک فنجان قهوه تمرین کنید. در گروه‌های کوچک می‌نشینیم و سر هر میز یک داوطلب هست؛ از هر سطحی استقبال می‌کنیم.",
    "so": "Ku tababar af-Iswiidhishka si tartiib ah adigoo cabbaya koob kafee ah. Waxaan u fadhinnaa kooxo yaryar, miis kastana tabarruce ayaa joogo. Heer kasta waa la soo dhaweynayaa.",
    "ti": "ምስ ጽዋእ ቡን ብህድኣት ሽወደንኛ ተለማመዱ። ብንኣሽቱ ጉጅለታት ንቕመጥ፣ ኣብ ነፍሲ ወከፍ ጣውላ ሓደ ወለንተኛ ኣሎ፣ ኩሉ ደረጃ ድማ እንቋዕ ብደሓን መጻእኩም።",
    "uk": "Практикуйте шведську в спокійному темпі за чашкою кави. Ми сидимо невеликими групами, за кожним столом є волонтер, і раді будь-якому рівню.",
}, drop=1.0, costs=("free_fika", "free"), speaks=("en",))

template("speak-swedish", ["language-cafe"], "library", ["day", "evening"], 90, {
    "sv": "Prata svenska – samtalsträning", "en": "Speak Swedish – conversation practice",
    "ar": "تحدّث بالسويدية – تدريب على المحادثة", "fa": "سوئدی حرف بزنیم – تمرین مکالمه",
    "so": "Ku hadal af-Iswiidhish – tababar wadahadal", "ti": "ሽወደንኛ ንዛረብ – ልምምድ ዘተ",
    "uk": "Говоримо шведською – розмовна практика",
}, {
    "sv": "Vi pratar om vardagliga saker som att handla, åka buss och ringa till vårdcentralen. Du övar i din egen takt.",
    "en": "We talk about everyday things like shopping, taking the bus and calling the health centre. You practise at your own pace.",
    "ar": "نتحدث عن أمور يومية مثل التسوق وركوب الحافلة والاتصال بالمركز الصحي. تتدرب حسب وتيرتك.",
    "fa": "دربارهٔ کارهای روزمره مثل خرید، سوار اتوبوس شدن و تماس با درمانگاه حرف می‌زنیم. با سرعت خودتان تمرین می‌کنید.",
    "so": "Waxaan ka hadalnaa arrimaha maalinlaha ah sida wax iibsiga, raacidda baska iyo la xiriirka xarunta caafimaadka. Waxaad ku tababaranaysaa xawaarahaaga.",
    "ti": "ብዛዕባ መዓልታዊ ነገራት ከም ዕዳጋ፣ ምጥቃም ኣውቶቡስን ናብ ሕክምና ምድዋልን ንዘራረብ። ብናትኩም ቅልጣፈ ትለማመዱ።",
    "uk": "Говоримо про повсякденні речі: покупки, поїздки автобусом, дзвінок до поліклініки. Ви практикуєтеся у власному темпі.",
}, drop=0.7, costs=("free",), aud=(["newcomers", "adults"], 16, None))

template("language-walk", ["language-cafe", "outdoors"], "outdoor", ["weekend", "day"], 75, {
    "sv": "Språkpromenad", "en": "Language walk",
    "ar": "نزهة لغوية", "fa": "پیاده‌روی زبان", "so": "Socod luqadeed",
    "ti": "ዙረት ቋንቋ", "uk": "Мовна прогулянка",
}, {
    "sv": "Vi går en runda och övar svenska på det vi ser omkring oss: träd, hus, väder och skyltar.",
    "en": "We take a walk and practise Swedish with what we see around us: trees, houses, weather and signs.",
    "ar": "نمشي جولة ونتدرب على السويدية من خلال ما نراه حولنا: الأشجار والبيوت والطقس واللافتات.",
    "fa": "دوری می‌زنیم و با چیزهایی که اطرافمان می‌بینیم سوئدی تمرین می‌کنیم: درخت‌ها، خانه‌ها، هوا و تابلوها.",
    "so": "Waxaan samaynaa socod, waxaanan af-Iswiidhishka ku tababarnaa waxa aan ku aragno agagaarkeenna: geedaha, guryaha, cimilada iyo calaamadaha.",
    "ti": "ንዛወር፣ በቲ ኣብ ከባቢና እንርእዮ ድማ ሽወደንኛ ንለማመድ፦ ኣእዋም፣ ኣባይቲ፣ ኩነታት ኣየርን ምልክታትን።",
    "uk": "Ми гуляємо й практикуємо шведську на тому, що бачимо навколо: дерева, будинки, погода й вивіски.",
}, drop=1.0, costs=("free",))

template("swe-ukr-cafe", ["language-cafe"], "room", ["evening", "weekend"], 120, {
    "sv": "Svensk-ukrainskt språkcafé", "en": "Swedish–Ukrainian language café",
    "ar": "مقهى اللغة السويدي الأوكراني", "fa": "کافه زبان سوئدی–اوکراینی",
    "so": "Kafee luqadeed Iswiidhish iyo Yukreeniyaan", "ti": "ካፈ ቋንቋ ሽወደንኛን ዩክረይንኛን",
    "uk": "Шведсько-українське мовне кафе",
}, {
    "sv": "Här möts svensktalande och ukrainsktalande för att prata, fika och lära av varandra. Barn är välkomna.",
    "en": "Swedish and Ukrainian speakers meet here to talk, have coffee and learn from each other. Children are welcome.",
    "ar": "يلتقي هنا المتحدثون بالسويدية والأوكرانية للحديث وشرب القهوة والتعلم من بعضهم. الأطفال مرحب بهم.",
    "fa": "اینجا سوئدی‌زبان‌ها و اوکراینی‌زبان‌ها برای گفتگو، قهوه و یادگیری از یکدیگر دور هم جمع می‌شوند. بچه‌ها هم خوش آمدند.",
    "so": "Halkan waxaa ku kulma dadka ku hadla af-Iswiidhishka iyo af-Yukreeniyaanka si ay u sheekeystaan, kafee u cabbaan oo wax isu baraan. Carruurta waa la soo dhaweynayaa.",
    "ti": "ተዛረብቲ ሽወደንኛን ዩክረይንኛን ክዘራረቡ፣ ቡን ክሰትዩን ካብ ሓድሕዶም ክመሃሩን ኣብዚ ይራኸቡ። ቆልዑ እንቋዕ ብደሓን መጹ።",
    "uk": "Тут зустрічаються ті, хто говорить шведською та українською, щоб поспілкуватися, випити кави й повчитися одне в одного. Діти – бажані гості.",
}, drop=1.0, costs=("free_fika",), speaks=("uk",))

template("homework-help", ["language-cafe", "volunteering"], "library", ["afternoon", "evening"], 120, {
    "sv": "Läxhjälp och språkstöd", "en": "Homework help and language support",
}, {
    "sv": "Volontärer hjälper elever och vuxenstuderande med läxor, SFI-uppgifter och blanketter. Vill du själv bli läxhjälpare är du också välkommen.",
    "en": "Volunteers help pupils and adult learners with homework, Swedish-for-immigrants tasks and forms. If you would like to help out yourself, you are welcome too.",
}, drop=1.0, costs=("free",))

template("english-conversation", ["language-cafe"], "library", ["evening"], 90, {
    "sv": "Engelska samtal", "en": "English conversation circle",
}, {
    "sv": "Öva engelska i en avslappnad grupp. Vi pratar om resor, film, mat och vardag.",
    "en": "Practise English in a relaxed group. We talk about travel, films, food and everyday life.",
}, costs=("free", "fika20"), speaks=("en",))

template("sign-cafe", ["language-cafe", "talk"], "room", ["evening", "weekend"], 120, {
    "sv": "Teckenspråkskafé", "en": "Sign language café",
}, {
    "sv": "Ett kafé för döva, hörselskadade och alla som vill lära sig eller öva svenskt teckenspråk.",
    "en": "A café for Deaf and hard-of-hearing people and everyone who wants to learn or practise Swedish Sign Language.",
}, drop=1.0, costs=("free_fika",), access=("sign-language", "hearing-loop"))

# --- cooking ----------------------------------------------------------------------------------
template("cook-together", ["cooking"], "kitchen", ["evening"], 150, {
    "sv": "Laga mat tillsammans", "en": "Cooking together",
    "ar": "نطبخ معاً", "fa": "آشپزی با هم", "so": "Wada karis",
    "ti": "ብሓባር ምግቢ ምስራሕ", "uk": "Готуємо разом",
}, {
    "sv": "Vi lagar en enkel middag tillsammans och äter sedan vid samma bord. Recepten kommer från deltagarna själva.",
    "en": "We cook a simple dinner together and then eat at the same table. The recipes come from the participants.",
    "ar": "نطبخ عشاءً بسيطاً معاً ثم نأكل على طاولة واحدة. الوصفات من المشاركين أنفسهم.",
    "fa": "با هم یک شام ساده می‌پزیم و بعد سر یک میز غذا می‌خوریم. دستورهای پخت را خود شرکت‌کنندگان می‌آورند.",
    "so": "Waxaan wada karinnaa casho fudud, kadibna isla miis ayaan wax ku cunnaa. Cuntooyinka waxaa keena ka-qaybgalayaasha laftooda.",
    "ti": "ቀሊል ድራር ብሓባር ንሰርሕ፣ ድሕሪኡ ኣብ ሓደ ጣውላ ንበልዕ። እቲ ኣሰራርሓ መግቢ ካብቶም ተሳተፍቲ ባዕሎም እዩ ዝመጽእ።",
    "uk": "Ми разом готуємо просту вечерю, а потім їмо за одним столом. Рецепти приносять самі учасники.",
}, drop=0.45, costs=("food40", "free"))

template("soup", ["cooking"], "kitchen", ["evening"], 120, {
    "sv": "Soppkväll", "en": "Soup evening",
    "ar": "أمسية الشوربة", "fa": "شب سوپ", "so": "Habeenka maraqa",
    "ti": "ምሸት ሾርባ", "uk": "Вечір супу",
}, {
    "sv": "Varm soppa, bröd och gott sällskap. Vi hjälps åt att laga och diska, och den som vill kan bara komma och äta.",
    "en": "Hot soup, bread and good company. We help each other cook and wash up, and anyone who wants can just come and eat.",
    "ar": "شوربة ساخنة وخبز وصحبة طيبة. نتعاون في الطبخ والجلي، ومن يرغب يمكنه أن يأتي ليأكل فقط.",
    "fa": "سوپ گرم، نان و همنشینی خوب. در پختن و ظرف شستن به هم کمک می‌کنیم و هر کس بخواهد می‌تواند فقط برای خوردن بیاید.",
    "so": "Maraq kulul, rooti iyo saaxiibtinimo wanaagsan. Waxaan isku caawinnaa karinta iyo weelasha dhaqidda, qofkii doonana wuxuu iman karaa inuu wax cuno oo keliya.",
    "ti": "ውዑይ ሾርባ፣ ባኒን ጽቡቕ ብጻይነትን። ኣብ ምኽሻንን ምሕጻብ ኣቕሑን ንተሓጋገዝ፣ ዝደሊ ድማ ክበልዕ ጥራይ ክመጽእ ይኽእል።",
    "uk": "Гарячий суп, хліб і добра компанія. Ми разом готуємо й миємо посуд, а хто хоче – може просто прийти поїсти.",
}, drop=1.0, costs=("free", "food40"))

template("world-kitchen", ["cooking", "culture"], "kitchen", ["evening", "weekend"], 150, {
    "sv": "Världens kök", "en": "World kitchen",
    "ar": "مطبخ العالم", "fa": "آشپزخانهٔ جهان", "so": "Jikada adduunka",
    "ti": "ክሽነ ዓለም", "uk": "Кухня світу",
}, {
    "sv": "Varje gång visar en deltagare en maträtt från sitt hemland eller sin hembygd. Vi lagar, smakar och berättar.",
    "en": "Each time a participant shows us a dish from their home country or home region. We cook, taste and share stories.",
    "ar": "في كل مرة يعرّفنا أحد المشاركين على طبق من بلده أو منطقته. نطبخ ونتذوق ونتبادل الحكايات.",
    "fa": "هر بار یکی از شرکت‌کنندگان غذایی از کشور یا زادگاهش به ما نشان می‌دهد. می‌پزیم، می‌چشیم و قصه تعریف می‌کنیم.",
    "so": "Mar kasta ka-qaybgale ayaa na tusa cunto ka timid dalkiisa ama deegaankiisa. Waan karinnaa, dhadhaminnaa oo sheekooyin is-weydaarsannaa.",
    "ti": "ኩሉ ግዜ ሓደ ተሳታፊ ካብ ዓዱ ወይ ካብ ከባቢኡ ዝመጸ መግቢ የርእየና። ንሰርሕ፣ ንጥዕም፣ ዛንታታት ድማ ንካፈል።",
    "uk": "Щоразу хтось з учасників показує страву зі своєї країни чи рідного краю. Ми готуємо, куштуємо й ділимося історіями.",
}, drop=0.5, costs=("food40",))

template("baking", ["cooking"], "kitchen", ["evening", "weekend", "day"], 150, {
    "sv": "Baka bröd tillsammans", "en": "Baking bread together",
    "ar": "نخبز الخبز معاً", "fa": "با هم نان بپزیم", "so": "Wada dubidda rootiga",
    "ti": "ብሓባር ባኒ ንሰርሕ", "uk": "Печемо хліб разом",
}, {
    "sv": "Vi bakar bröd från olika delar av världen – från kardemummabullar till tunnbröd. Du får ta med dig det du bakat hem.",
    "en": "We bake bread from different parts of the world – from cardamom buns to flatbread. You take home what you have baked.",
    "ar": "نخبز أنواعاً من الخبز من أنحاء مختلفة من العالم – من كعك الهيل إلى الخبز الرقيق. تأخذ ما خبزته معك إلى البيت.",
    "fa": "نان‌هایی از گوشه‌وکنار دنیا می‌پزیم – از نان شیرین هل‌دار تا نان نازک. هر چه پختید با خودتان به خانه می‌برید.",
    "so": "Waxaan dubnaa rooti ka yimid meelo kala duwan oo adduunka ah – laga bilaabo doolsho hayl leh ilaa rooti khafiif ah. Waxaad guriga u qaadanaysaa wixii aad dubtay.",
    "ti": "ካብ ዝተፈላለየ ክፋል ዓለም ባኒ ንሰርሕ – ካብ ኮረሪማ ዘለዎ ጥዑም ባኒ ክሳብ ቀጢን ቅጫ። ዝሰራሕኩምዎ ናብ ገዛኹም ትወስድዎ።",
    "uk": "Печемо хліб із різних куточків світу – від булочок із кардамоном до тонких коржів. Спечене забираєте додому.",
}, drop=0.4, costs=("material50", "free"))

template("lunch", ["cooking", "talk"], "kitchen", ["lunch"], 90, {
    "sv": "Gemensam lunch", "en": "Lunch together",
    "ar": "غداء مشترك", "fa": "ناهار با هم", "so": "Qado wadajir ah",
    "ti": "ሓባራዊ ምሳሕ", "uk": "Спільний обід",
}, {
    "sv": "Vi äter en enkel lunch tillsammans mitt i veckan. Ingen ska behöva äta ensam.",
    "en": "We share a simple lunch in the middle of the week. Nobody should have to eat alone.",
    "ar": "نتناول غداءً بسيطاً معاً في منتصف الأسبوع. لا ينبغي أن يأكل أحد وحده.",
    "fa": "وسط هفته با هم یک ناهار ساده می‌خوریم. هیچ‌کس نباید تنها غذا بخورد.",
    "so": "Waxaan si wadajir ah u cunnaa qado fudud bartamaha toddobaadka. Qofna waa inuusan keligiis wax cunin.",
    "ti": "ኣብ ማእከል ሰሙን ቀሊል ምሳሕ ብሓባር ንበልዕ። ሓደ እኳ በይኑ ክበልዕ የብሉን።",
    "uk": "Посеред тижня ми разом їмо простий обід. Ніхто не повинен їсти на самоті.",
}, drop=0.8, costs=("food40",))

template("budget-cooking", ["cooking"], "kitchen", ["evening"], 150, {
    "sv": "Billig och god vardagsmat", "en": "Cheap and tasty everyday food",
}, {
    "sv": "Vi lagar näringsrik mat för under 20 kronor portionen och delar recepten.",
    "en": "We cook nutritious food for under 20 SEK a portion and share the recipes.",
}, drop=0.4, costs=("free", "food40"))

template("xmas-baking", ["cooking"], "kitchen", [], 180, {
    "sv": "Julbak", "en": "Christmas baking",
}, {
    "sv": "Vi bakar lussekatter, pepparkakor och bröd från deltagarnas jultraditioner.",
    "en": "We bake saffron buns, gingerbread and bread from the participants' Christmas traditions.",
}, drop=0.5, costs=("free", "material50"), dates=("2026-11-28", "2026-12-19", [3, 6, 7], (1, 2), ["10:00", "13:00", "17:30"]))

# --- games ------------------------------------------------------------------------------------
template("board-games", ["games"], "room", ["evening", "late", "weekend"], 180, {
    "sv": "Brädspelskväll", "en": "Board game evening",
    "ar": "أمسية ألعاب الطاولة", "fa": "شب بازی‌های رومیزی", "so": "Habeenka ciyaaraha miiska",
    "ti": "ምሸት ጸወታታት ሰሌዳ", "uk": "Вечір настільних ігор",
}, {
    "sv": "Vi spelar allt från enkla familjespel till lite klurigare strategispel. Vi förklarar reglerna, så du behöver inte kunna något i förväg.",
    "en": "We play everything from simple family games to trickier strategy games. We explain the rules, so you do not need to know anything beforehand.",
    "ar": "نلعب كل شيء من الألعاب العائلية البسيطة إلى ألعاب الاستراتيجية الأصعب قليلاً. نشرح القواعد، فلا تحتاج إلى معرفة مسبقة.",
    "fa": "از بازی‌های خانوادگی ساده تا بازی‌های استراتژیک کمی پیچیده‌تر بازی می‌کنیم. قوانین را توضیح می‌دهیم، پس لازم نیست از قبل چیزی بدانید.",
    "so": "Waxaan ciyaarnaa ciyaaro fudud oo qoys ilaa ciyaaro xeeladeed oo xoogaa adag. Xeerarka ayaan sharraxnaa, markaa uma baahnid inaad wax hore u ogaato.",
    "ti": "ካብ ቀለልቲ ጸወታታት ስድራ ክሳብ ቁሩብ ዝተሓላለኹ ጸወታታት ሜላ ንጻወት። ሕግታት ንገልጽ፣ ስለዚ ኣቐዲምኩም ክትፈልጡ ኣየድልየኩምን።",
    "uk": "Граємо в усе – від простих сімейних ігор до складніших стратегій. Ми пояснюємо правила, тож нічого знати заздалегідь не потрібно.",
}, drop=1.0, costs=("free", "fika20"))

template("chess", ["games"], "library", ["evening", "weekend", "afternoon"], 150, {
    "sv": "Schack för alla", "en": "Chess for everyone",
    "ar": "الشطرنج للجميع", "fa": "شطرنج برای همه", "so": "Jees qof walba",
    "ti": "ቸስ ንኹሉ", "uk": "Шахи для всіх",
}, {
    "sv": "Spela ett parti i lugn och ro eller lär dig grunderna av någon av våra vana spelare. Bräden och klockor finns.",
    "en": "Play a game in peace and quiet or learn the basics from one of our experienced players. Boards and clocks are provided.",
    "ar": "العب مباراة بهدوء أو تعلّم الأساسيات من أحد لاعبينا المتمرسين. الرقع والساعات متوفرة.",
    "fa": "در آرامش یک دست بازی کنید یا اصول را از یکی از بازیکنان باتجربهٔ ما یاد بگیرید. صفحه و ساعت شطرنج آماده است.",
    "so": "Si deggan u ciyaar, ama aasaaska ka baro mid ka mid ah ciyaartoydayada khibradda leh. Looxyada iyo saacadaha waa la heli karaa.",
    "ti": "ብህድኣት ሓደ ጸወታ ተጻወቱ ወይ ካብ ሓደ ካብቶም ልሙዳት ተጻወትና መሰረታት ተማሃሩ። ሰሌዳን ሰዓትን ኣሎ።",
    "uk": "Зіграйте партію в спокійній атмосфері або вивчіть основи з кимось із наших досвідчених гравців. Дошки й годинники є.",
}, drop=1.0, costs=("free",))

template("backgammon", ["games"], "room", ["evening", "afternoon", "weekend"], 150, {
    "sv": "Backgammon och domino", "en": "Backgammon and dominoes",
    "ar": "طاولة الزهر والدومينو", "fa": "تخته‌نرد و دومینو", "so": "Backgammon iyo domino",
    "ti": "ባክጋሞንን ዶሚኖን", "uk": "Нарди й доміно",
}, {
    "sv": "Vi spelar backgammon, domino och kortspel från många länder. Lär oss ditt favoritspel!",
    "en": "We play backgammon, dominoes and card games from many countries. Teach us your favourite game!",
    "ar": "نلعب طاولة الزهر والدومينو وألعاب الورق من بلدان كثيرة. علّمنا لعبتك المفضلة!",
    "fa": "تخته‌نرد، دومینو و بازی‌های ورق از کشورهای مختلف بازی می‌کنیم. بازی موردعلاقه‌تان را به ما یاد بدهید!",
    "so": "Waxaan ciyaarnaa backgammon, domino iyo ciyaaraha turubka ee dalal badan. Na bar ciyaarta aad ugu jeceshahay!",
    "ti": "ካብ ብዙሓት ሃገራት ባክጋሞን፣ ዶሚኖን ጸወታታት ካርታን ንጻወት። እቲ ዝፈትውዎ ጸወታ ምሃሩና!",
    "uk": "Граємо в нарди, доміно та карткові ігри з різних країн. Навчіть нас своєї улюбленої гри!",
}, drop=1.0, costs=("free", "free_fika"))

template("card-games", ["games"], "room", ["day", "afternoon"], 150, {
    "sv": "Kortspel och kaffe", "en": "Card games and coffee",
}, {
    "sv": "Vi spelar kortspel som whist, UNO och kasino. Vi lär gärna ut reglerna.",
    "en": "We play card games such as whist, UNO and casino. We are happy to teach the rules.",
}, drop=1.0, costs=("fika20", "free_fika"))

template("bingo", ["games"], "room", ["day", "afternoon"], 120, {
    "sv": "Bingo på träffpunkten", "en": "Bingo at the meeting place",
}, {
    "sv": "Bingo med små vinster och mycket skratt. Brickorna kostar ingenting.",
    "en": "Bingo with small prizes and lots of laughter. The cards are free.",
}, drop=1.0, costs=("free", "fika20"), aud=(["seniors", "everyone"], None, None))

template("quiz", ["games", "culture"], "room", ["late"], 120, {
    "sv": "Frågesport", "en": "Quiz night",
}, {
    "sv": "Lagfrågesport om allt från musik till natur. Kommer du ensam placerar vi dig i ett lag.",
    "en": "Team quiz about everything from music to nature. If you come alone, we will put you in a team.",
}, drop=1.0, costs=("free", "fika20"))

template("role-play", ["games"], "room", ["evening", "weekend"], 210, {
    "sv": "Rollspel för nybörjare", "en": "Role-playing games for beginners",
}, {
    "sv": "Vi spelar berättande rollspel vid bordet. Spelledaren hjälper nya spelare att komma igång.",
    "en": "We play story-telling tabletop role-playing games. The game master helps new players get started.",
}, drop=0.3, costs=("free", "member100"), aud=(["youth", "adults"], 15, None), no_exp=True)

template("boule", ["games", "sport"], "hall", ["day", "weekend"], 120, {
    "sv": "Boule", "en": "Pétanque",
}, {
    "sv": "Boule inomhus på vintern och ute på grusplanen när vädret tillåter. Klot finns att låna.",
    "en": "Indoor pétanque in winter and outdoors on the gravel court when the weather allows. Boules can be borrowed.",
}, drop=1.0, costs=("free", "member100"))

# --- sport ------------------------------------------------------------------------------------
template("football", ["sport"], "field", ["evening", "weekend"], 90, {
    "sv": "Fotboll för alla", "en": "Football for everyone",
    "ar": "كرة القدم للجميع", "fa": "فوتبال برای همه", "so": "Kubadda cagta qof walba",
    "ti": "ኩዕሶ እግሪ ንኹሉ", "uk": "Футбол для всіх",
}, {
    "sv": "Spontanfotboll där det viktigaste är att ha roligt. Vi delar upp lagen på plats – ålder, kön och nivå spelar ingen roll.",
    "en": "Casual football where the most important thing is having fun. We split into teams on the spot – age, gender and skill do not matter.",
    "ar": "كرة قدم عفوية أهم ما فيها هو المتعة. نقسّم الفرق في المكان – لا يهم العمر أو الجنس أو المستوى.",
    "fa": "فوتبال دوستانه که مهم‌ترین چیزش خوش گذشتن است. تیم‌ها را همان‌جا تقسیم می‌کنیم – سن، جنسیت و سطح مهم نیست.",
    "so": "Kubad cag fudud oo waxa ugu muhiimsan ay tahay in la raaxeysto. Kooxaha goobta ayaan ku qaybinnaa – da'da, jinsiga iyo heerka muhiim ma aha.",
    "ti": "እቲ ዝዓበየ ኣገዳሲ ምሕጓስ ዝኾነሉ ናጻ ጸወታ ኩዕሶ እግሪ። ጋንታታት ኣብቲ ቦታ ንመቕል – ዕድመ፣ ጾታን ደረጃን ኣየገድስን።",
    "uk": "Дружній футбол, де головне – отримати задоволення. Команди ділимо на місці – вік, стать і рівень не мають значення.",
}, drop=1.0, costs=("free",), aud=(["everyone"], 15, None))

template("yoga", ["sport"], "room", ["evening", "morning", "weekend"], 75, {
    "sv": "Mjukyoga", "en": "Gentle yoga",
    "ar": "يوغا لطيفة", "fa": "یوگای ملایم", "so": "Yoga fudud",
    "ti": "ልሙም ዮጋ", "uk": "М’яка йога",
}, {
    "sv": "Lugna rörelser, andning och avslappning. Passar alla kroppar och går att göra sittande på stol.",
    "en": "Calm movements, breathing and relaxation. Suitable for every body and can be done sitting on a chair.",
    "ar": "حركات هادئة وتنفس واسترخاء. مناسبة لكل الأجسام ويمكن ممارستها جلوساً على كرسي.",
    "fa": "حرکات آرام، تنفس و آرامش. برای هر بدنی مناسب است و روی صندلی هم می‌شود انجامش داد.",
    "so": "Dhaqdhaqaaq deggan, neefsasho iyo nasasho. Waxay ku habboon tahay jidh kasta, waxaana lagu samayn karaa adigoo kursi ku fadhiya.",
    "ti": "ህዱእ ምንቅስቓስ፣ ምስትንፋስን ምዝንጋዕን። ንኹሉ ዓይነት ኣካል ይሰማማዕ፣ ኣብ ወንበር ተቐሚጥካ ድማ ክግበር ይከኣል።",
    "uk": "Спокійні рухи, дихання й розслаблення. Підходить для будь-якого тіла, можна займатися сидячи на стільці.",
}, drop=0.7, costs=("free", "member100", "fika20"), access=("quiet-space",), no_exp=True)

template("dance", ["sport", "music"], "hall", ["evening", "weekend"], 90, {
    "sv": "Dans för alla", "en": "Dance for everyone",
    "ar": "رقص للجميع", "fa": "رقص برای همه", "so": "Qoob-ka-ciyaar qof walba",
    "ti": "ሳዕስዒት ንኹሉ", "uk": "Танці для всіх",
}, {
    "sv": "Vi dansar enkla steg till musik från hela världen. Du kan dansa ensam – ingen partner behövs.",
    "en": "We dance simple steps to music from all over the world. You can dance on your own – no partner needed.",
    "ar": "نرقص خطوات بسيطة على موسيقى من كل أنحاء العالم. يمكنك الرقص وحدك – لا حاجة إلى شريك.",
    "fa": "با موسیقی از سراسر دنیا قدم‌های ساده می‌رقصیم. می‌توانید تنها برقصید – به هم‌رقص نیازی نیست.",
    "so": "Waxaan ku ciyaarnaa tallaabooyin fudud muusig adduunka oo dhan ka yimid. Keligaa ayaad ciyaari kartaa – lammaane looma baahna.",
    "ti": "ምስ ካብ መላእ ዓለም ዝመጸ ሙዚቃ ቀለልቲ ስጉምትታት ንስዕስዕ። በይንኹም ክትስዕስዑ ትኽእሉ – መጻምዲ ኣየድልን።",
    "uk": "Танцюємо прості кроки під музику з усього світу. Можна танцювати самостійно – партнер не потрібен.",
}, drop=0.9, costs=("free", "member100"), no_exp=True)

template("chair-gym", ["sport"], "room", ["day", "morning"], 60, {
    "sv": "Sittgympa", "en": "Chair exercise",
    "ar": "تمارين على الكرسي", "fa": "ورزش روی صندلی", "so": "Jimicsi kursi",
    "ti": "ስፖርት ኣብ ወንበር", "uk": "Гімнастика на стільці",
}, {
    "sv": "Enkla övningar sittande på stol, med musik och mycket skratt. Passar den som vill röra sig lite mer men inte orkar så mycket.",
    "en": "Simple exercises sitting on a chair, with music and lots of laughter. For anyone who wants to move a bit more without overdoing it.",
    "ar": "تمارين بسيطة جلوساً على الكرسي، مع الموسيقى والكثير من الضحك. مناسبة لمن يريد أن يتحرك أكثر قليلاً دون إجهاد.",
    "fa": "تمرین‌های ساده روی صندلی، با موسیقی و کلی خنده. برای کسی که می‌خواهد کمی بیشتر تحرک داشته باشد، بدون اینکه خسته شود.",
    "so": "Jimicsi fudud oo kursi lagu fadhiyo, muusig iyo qosol badan. Waxay ku habboon tahay qofkii doonaya inuu xoogaa dhaqdhaqaaqo isagoon daalin.",
    "ti": "ኣብ ወንበር ተቐሚጥካ ዝግበር ቀሊል ልምምድ፣ ምስ ሙዚቃን ብዙሕ ሰሓቕን። ብዙሕ ከይደኸምካ ቁሩብ ክትንቀሳቐስ ንዝደሊ ይሰማማዕ።",
    "uk": "Прості вправи сидячи на стільці – з музикою й сміхом. Для тих, хто хоче трохи більше рухатися, не перевтомлюючись.",
}, drop=1.0, costs=("free", "fika20"), aud=(["seniors", "everyone"], None, None))

template("women-exercise", ["sport"], "hall", ["evening", "weekend"], 75, {
    "sv": "Träning för kvinnor", "en": "Exercise for women",
    "ar": "رياضة للنساء", "fa": "ورزش برای زنان", "so": "Jimicsiga haweenka",
    "ti": "ስፖርት ንደቂ ኣንስትዮ", "uk": "Тренування для жінок",
}, {
    "sv": "Lugn styrketräning och stretching i en lokal där bara kvinnor tränar. Ledarna är kvinnor, och du tränar i de kläder du trivs i.",
    "en": "Gentle strength training and stretching in a room where only women train. The instructors are women, and you train in whatever clothes you are comfortable in.",
    "ar": "تمارين قوة خفيفة وتمدد في قاعة مخصصة للنساء فقط. المدربات نساء، ويمكنك التمرن بالملابس التي ترتاحين فيها.",
    "fa": "تمرین قدرتی ملایم و کشش در سالنی که فقط زنان در آن ورزش می‌کنند. مربی‌ها زن هستند و با هر لباسی که راحتید ورزش می‌کنید.",
    "so": "Jimicsi xoog fudud iyo kala-bixin qol ay haween keliya ku jimicsadaan. Tababarayaashu waa haween, waxaadna ku jimicsan kartaa dharka aad ku raaxaysato.",
    "ti": "ደቂ ኣንስትዮ ጥራይ ዝለማመዳሉ ኣዳራሽ ልሙም ልምምድ ሓይልን ምዝርጋሕ ኣካላትን። መምህራን ደቂ ኣንስትዮ እየን፣ ብዝተመቸኪ ክዳን ድማ ትለማመዲ።",
    "uk": "М’які силові вправи й розтяжка в залі, де тренуються лише жінки. Тренерки – жінки, а займатися можна в будь-якому зручному одязі.",
}, drop=0.8, costs=("free", "member100"), aud=(["women"], 16, None))

template("swimming", ["sport"], "pool", ["evening", "morning"], 60, {
    "sv": "Lugn simning för vuxna", "en": "Calm swimming for adults",
}, {
    "sv": "Vi har en egen bana i simhallen och simmar i vår egen takt. En simlärare finns på plats för den som vill.",
    "en": "We have our own lane in the swimming hall and swim at our own pace. A swimming instructor is there for those who want one.",
}, drop=0.8, costs=("pool40",), aud=(["adults"], 18, None))

template("badminton", ["sport"], "hall", ["evening", "weekend"], 90, {
    "sv": "Badminton på skoj", "en": "Badminton for fun",
}, {
    "sv": "Vi spelar dubbel och byter partner ofta. Racketar finns att låna.",
    "en": "We play doubles and change partners often. Rackets can be borrowed.",
}, drop=1.0, costs=("free", "member100"))

template("table-tennis", ["sport", "games"], "hall", ["evening", "afternoon"], 120, {
    "sv": "Pingis för alla", "en": "Table tennis for everyone",
}, {
    "sv": "Slå några bollar, spela rundpingis eller lär dig serva. Alla nivåer är välkomna.",
    "en": "Hit some balls, play round-the-table or learn to serve. All levels are welcome.",
}, drop=1.0, costs=("free",))

template("running", ["sport", "outdoors"], "outdoor", ["evening", "weekend"], 60, {
    "sv": "Löpgrupp för nybörjare", "en": "Running group for beginners",
}, {
    "sv": "Vi varvar gång och lugn löpning och ökar lite i taget. Ingen springer ensam sist.",
    "en": "We alternate walking and gentle running and build up bit by bit. Nobody runs alone at the back.",
}, drop=1.0, costs=("free",), no_exp=True)

template("floorball", ["sport"], "hall", ["evening", "weekend"], 90, {
    "sv": "Innebandy för alla", "en": "Floorball for everyone",
}, {
    "sv": "Lugn innebandy utan tacklingar. Klubbor finns att låna.",
    "en": "Relaxed floorball without tackles. Sticks can be borrowed.",
}, drop=1.0, costs=("free",), aud=(["everyone"], 13, None))

# --- culture ----------------------------------------------------------------------------------
template("film", ["culture"], "room", ["late", "weekend"], 150, {
    "sv": "Filmkväll", "en": "Film evening",
    "ar": "أمسية سينما", "fa": "شب فیلم", "so": "Habeenka filimka",
    "ti": "ምሸት ፊልም", "uk": "Кіновечір",
}, {
    "sv": "Vi ser en film med svensk text och pratar om den efteråt för den som vill. Popcorn ingår.",
    "en": "We watch a film with Swedish subtitles and talk about it afterwards for those who want to. Popcorn included.",
    "ar": "نشاهد فيلماً مع ترجمة سويدية ونتحدث عنه بعد ذلك لمن يرغب. الفشار مشمول.",
    "fa": "فیلمی با زیرنویس سوئدی می‌بینیم و بعد هر کس بخواهد درباره‌اش صحبت می‌کنیم. پاپ‌کورن هم هست.",
    "so": "Waxaan daawanaa filim leh qoraal Iswiidhish ah, kadibna qofkii doonaa wuu ka sheekeysan karaa. Popcorn waa lagu daray.",
    "ti": "ምስ ናይ ሽወደንኛ ጽሑፍ ፊልም ንርኢ፣ ዝደለየ ድማ ድሕሪኡ ብዛዕባኡ ንዘራረብ። ፋንዲሻ ኣሎ።",
    "uk": "Дивимося фільм зі шведськими субтитрами, а потім, хто хоче, обговорює його. Попкорн включено.",
}, drop=1.0, costs=("free", "fika20"), access=("hearing-loop",))

template("museum", ["culture"], "library", ["weekend", "day"], 120, {
    "sv": "Museibesök tillsammans", "en": "Museum visit together",
}, {
    "sv": "Vi besöker en utställning tillsammans och fikar efteråt. Vi samlas vid entrén.",
    "en": "We visit an exhibition together and have coffee afterwards. We meet at the entrance.",
}, drop=0.5, costs=("free", "fika20"))

template("theatre", ["culture"], "room", ["evening"], 120, {
    "sv": "Teatergrupp – prova på", "en": "Theatre group – give it a try",
}, {
    "sv": "Lekar, improvisation och små scener. Ingen behöver stå på scen om hen inte vill.",
    "en": "Games, improvisation and short scenes. Nobody has to go on stage unless they want to.",
}, drop=0.6, costs=("free", "member100"), no_exp=True)

template("art-talk", ["culture", "talk"], "library", ["day", "evening"], 90, {
    "sv": "Konstsamtal", "en": "Talking about art",
}, {
    "sv": "Vi tittar på ett konstverk i taget och pratar om vad vi ser. Det finns inga fel svar.",
    "en": "We look at one artwork at a time and talk about what we see. There are no wrong answers.",
}, drop=1.0, costs=("free", "fika20"))

template("photo-walk", ["culture", "outdoors"], "outdoor", ["weekend"], 120, {
    "sv": "Fotopromenad", "en": "Photo walk",
}, {
    "sv": "Vi går en runda och fotograferar med mobilen. Varje gång har ett tema, till exempel ljus eller former.",
    "en": "We go for a walk and take photos with our phones. Each time has a theme, such as light or shapes.",
}, drop=1.0, costs=("free",))

template("local-history", ["culture", "talk"], "room", ["day", "evening"], 120, {
    "sv": "Hembygdskväll – berättelser från förr", "en": "Local history evening – stories from the past",
}, {
    "sv": "Vi tittar på gamla bilder och berättar om hur livet var förr, här och i de länder deltagarna kommer från.",
    "en": "We look at old photos and tell stories about how life used to be, here and in the countries participants come from.",
}, drop=1.0, costs=("free_fika", "fika20"))

template("open-stage", ["culture", "music"], "room", ["late"], 150, {
    "sv": "Öppen scen", "en": "Open stage",
}, {
    "sv": "Läs en dikt, sjung en sång eller lyssna. Scenen är öppen för alla, och publiken är snäll.",
    "en": "Read a poem, sing a song or just listen. The stage is open to everyone, and the audience is kind.",
}, drop=1.0, costs=("free", "fika20"), access=("hearing-loop",))

template("culture-night", ["culture", "music", "books"], "room", [], 150, {
    "sv": "Kulturkväll med musik och poesi", "en": "Culture evening with music and poetry",
}, {
    "sv": "En kväll med lokala musiker och poeter på flera språk, med fika i pausen.",
    "en": "An evening with local musicians and poets in several languages, with coffee in the interval.",
}, drop=1.0, costs=("free_fika", "entry60"), dates=("2026-11-26", "2027-03-26", [4, 5], (3, 5), ["18:30", "19:00"]))

# --- volunteering -----------------------------------------------------------------------------
template("second-hand", ["volunteering"], "shop", ["day"], 180, {
    "sv": "Volontär i second hand-butiken", "en": "Volunteer in the second-hand shop",
    "ar": "تطوّع في متجر الأغراض المستعملة", "fa": "داوطلب در فروشگاه دست‌دوم",
    "so": "Tabarruc ka geys dukaanka alaabta la isticmaalay", "ti": "ወለንታዊ ኣብ ድኳን ዝተጠቕመሉ ኣቕሑ",
    "uk": "Волонтерство в секонд-хенді",
}, {
    "sv": "Sortera, prismärka och prata med kunderna i vår butik. Överskottet går till föreningens verksamhet. Du väljer själv hur ofta du kommer.",
    "en": "Sort, price and chat with customers in our shop. The profit goes to the association's activities. You decide how often you come.",
    "ar": "فرز البضائع وتسعيرها والحديث مع الزبائن في متجرنا. يذهب الربح لأنشطة الجمعية. أنت تختار كم مرة تأتي.",
    "fa": "در فروشگاه ما اجناس را مرتب و قیمت‌گذاری کنید و با مشتری‌ها گپ بزنید. سود آن صرف فعالیت‌های انجمن می‌شود. خودتان انتخاب می‌کنید هر چند وقت یک بار بیایید.",
    "so": "Kala saar alaabta, qiimee oo la sheekeyso macaamiisha dukaankeenna. Faa'iidada waxaa loo isticmaalaa hawlaha ururka. Adiga ayaa dooranaya inta jeer ee aad imanayso.",
    "ti": "ኣብ ድኳንና ኣቕሑ ፍለዩ፣ ዋጋ ኣቐምጡን ምስ ዓማዊል ተዘራረቡን። እቲ መኽሰብ ንንጥፈታት ማሕበር ይውዕል። ክንደይ ግዜ ከም እትመጹ ባዕልኹም ትመርጹ።",
    "uk": "Сортуйте речі, ставте ціни й спілкуйтеся з покупцями в нашому магазині. Прибуток іде на діяльність об’єднання. Як часто приходити – вирішуєте ви.",
}, drop=0.6, costs=("free",), aud=(["adults"], 16, None), rules=2)

template("food-bags", ["volunteering", "cooking"], "kitchen", ["afternoon", "day"], 150, {
    "sv": "Matkassar – var med och packa", "en": "Food bags – help us pack",
    "ar": "سلال الطعام – شارك في التعبئة", "fa": "بسته‌های غذا – در بسته‌بندی کمک کنید",
    "so": "Bacaha cuntada – naga caawi xirxiridda", "ti": "ሳንጣታት መግቢ – ኣብ ምጥርናፍ ተሳተፉ",
    "uk": "Продуктові набори – допоможіть пакувати",
}, {
    "sv": "Vi packar matkassar med överskottsmat från butiker till familjer som behöver dem. Ett konkret sätt att göra skillnad tillsammans.",
    "en": "We pack bags of surplus food from shops for families who need them. A concrete way to make a difference together.",
    "ar": "نعبّئ أكياساً من فائض طعام المتاجر للعائلات المحتاجة. طريقة ملموسة لإحداث فرق معاً.",
    "fa": "غذای مازاد فروشگاه‌ها را برای خانواده‌های نیازمند بسته‌بندی می‌کنیم. راهی ملموس برای اینکه با هم تغییری ایجاد کنیم.",
    "so": "Waxaan bacaha ku xirxirnaa cuntada dheeraadka ah ee dukaamada si loogu geeyo qoysaska u baahan. Waa hab muuqda oo aan si wadajir ah isbeddel ugu samayn karno.",
    "ti": "ካብ ድኳናት ዝተረፈ መግቢ ንዘድልየን ስድራቤታት ኣብ ሳንጣታት ንጥርንፍ። ብሓባር ለውጢ ንምምጻእ ጭቡጥ መገዲ እዩ።",
    "uk": "Ми пакуємо надлишки продуктів із магазинів для сімей, яким вони потрібні. Конкретний спосіб разом щось змінити.",
}, drop=0.5, costs=("free",), aud=(["adults"], 16, None))

template("cafe-help", ["volunteering", "cooking"], "kitchen", ["day", "weekend"], 180, {
    "sv": "Var med i caféet", "en": "Help out in the café",
    "ar": "ساعد في المقهى", "fa": "در کافه کمک کنید", "so": "Naga caawi kafeega",
    "ti": "ኣብ ካፈ ተሓጋገዙና", "uk": "Допомагайте в кафе",
}, {
    "sv": "Baka, koka kaffe och ta emot gäster i vårt föreningscafé. Ett bra sätt att lära känna nya människor i din egen takt.",
    "en": "Bake, make coffee and welcome guests in our association café. A good way to get to know new people at your own pace.",
    "ar": "اخبز وحضّر القهوة واستقبل الضيوف في مقهى جمعيتنا. طريقة جيدة للتعرف على أشخاص جدد حسب وتيرتك.",
    "fa": "در کافهٔ انجمن ما شیرینی بپزید، قهوه درست کنید و از مهمان‌ها پذیرایی کنید. راهی خوب برای آشنا شدن با آدم‌های تازه، با سرعت خودتان.",
    "so": "Wax dub, kafee samee oo soo dhawee martida kafeega ururkayaga. Waa hab wanaagsan oo aad dad cusub ku barato xawaarahaaga.",
    "ti": "ኣብ ካፈ ማሕበርና ባኒ ስርሑ፣ ቡን ኣፍልሑን ጋሻ ተቐበሉን። ብናትኩም ቅልጣፈ ምስ ሓደስቲ ሰባት ንምልላይ ጽቡቕ መገዲ እዩ።",
    "uk": "Печіть, варіть каву й зустрічайте гостей у кафе нашого об’єднання. Добрий спосіб познайомитися з новими людьми у власному темпі.",
}, drop=0.5, costs=("free",), aud=(["adults"], 16, None))

template("beach-cleanup", ["volunteering", "outdoors"], "beach", ["weekend"], 120, {
    "sv": "Strandstädning", "en": "Beach clean-up",
}, {
    "sv": "Vi plockar skräp längs stranden och sorterar det vi hittar. Handskar och påsar finns.",
    "en": "We pick up litter along the shore and sort what we find. Gloves and bags are provided.",
}, drop=1.0, costs=("free",))

template("visit-friend", ["volunteering", "talk"], "room", ["evening", "day"], 90, {
    "sv": "Besöksvän – träff för nya och gamla besöksvänner", "en": "Visiting friends – meet-up for new and current volunteers",
}, {
    "sv": "Vill du bli besöksvän till en äldre som är ensam? Här får du veta mer, träffa andra besöksvänner och dela erfarenheter.",
    "en": "Would you like to visit an older person who is lonely? Find out more here, meet other visiting friends and share experiences.",
}, drop=0.6, costs=("free_fika",), aud=(["adults"], 18, None))

template("clothes-swap", ["volunteering", "crafts"], "room", [], 180, {
    "sv": "Klädbytardag", "en": "Clothes swap day",
}, {
    "sv": "Ta med rena, hela kläder som du inte använder längre och byt till dig något nytt.",
    "en": "Bring clean, whole clothes you no longer wear and swap them for something new to you.",
}, drop=1.0, costs=("free",), dates=("2026-11-21", "2027-03-27", [6], (3, 5), ["11:00"]))

template("repair-cafe", ["volunteering", "crafts"], "room", ["weekend", "evening"], 180, {
    "sv": "Reparationskafé", "en": "Repair café",
}, {
    "sv": "Ta med en trasig lampa, brödrost eller byxa. Frivilliga fixare hjälper dig att laga den själv.",
    "en": "Bring a broken lamp, toaster or pair of trousers. Volunteer fixers help you repair it yourself.",
}, drop=1.0, costs=("free", "fika20"))

# --- books ------------------------------------------------------------------------------------
template("reading-circle", ["books"], "library", ["evening", "day"], 90, {
    "sv": "Läscirkel på biblioteket", "en": "Library reading circle",
    "ar": "حلقة قراءة في المكتبة", "fa": "حلقهٔ کتاب‌خوانی در کتابخانه", "so": "Kooxda akhriska ee maktabadda",
    "ti": "ክቢ ንባብ ኣብ ቤተ-መጻሕፍቲ", "uk": "Читацький гурток у бібліотеці",
}, {
    "sv": "Vi läser en bok i månaden och träffas för att prata om den. Biblioteket har exemplar att låna, även som ljudbok.",
    "en": "We read one book a month and meet to talk about it. The library has copies to borrow, also as audiobooks.",
    "ar": "نقرأ كتاباً كل شهر ونلتقي لنتحدث عنه. لدى المكتبة نسخ للإعارة، وكذلك ككتب صوتية.",
    "fa": "هر ماه یک کتاب می‌خوانیم و دور هم جمع می‌شویم تا درباره‌اش حرف بزنیم. کتابخانه نسخه‌هایی برای امانت دارد، کتاب صوتی هم هست.",
    "so": "Bishiiba hal buug ayaan akhrinnaa, kadibna waan kulannaa si aan uga wada hadallo. Maktabaddu waxay haysaa nuqullo la amaahan karo, xitaa buug-maqal ahaan.",
    "ti": "ኣብ ወርሒ ሓደ መጽሓፍ ነንብብ፣ ብዛዕባኡ ክንዘራረብ ድማ ንራኸብ። ቤተ-መጻሕፍቲ ዝለቃሕ ቅዳሓት ኣለዎ፣ ከም ናይ ድምጺ መጽሓፍ እውን።",
    "uk": "Щомісяця читаємо одну книжку й зустрічаємося, щоб її обговорити. У бібліотеці можна позичити примірники, зокрема аудіокниги.",
}, drop=0.6, costs=("free", "free_fika"), access=("hearing-loop",))

template("easy-reading", ["books", "language-cafe"], "library", ["day", "afternoon"], 90, {
    "sv": "Lättläst-cirkel", "en": "Easy Swedish reading circle",
    "ar": "حلقة القراءة السهلة", "fa": "حلقهٔ متن‌های آسان", "so": "Kooxda akhriska fudud",
    "ti": "ክቢ ቀሊል ንባብ", "uk": "Гурток легкого читання",
}, {
    "sv": "Vi läser korta, lättlästa texter på svenska högt tillsammans och pratar om dem. Bra för dig som lär dig svenska.",
    "en": "We read short easy-to-read Swedish texts aloud together and talk about them. Good if you are learning Swedish.",
    "ar": "نقرأ معاً بصوت عالٍ نصوصاً سويدية قصيرة وسهلة ونتحدث عنها. مناسبة لمن يتعلم السويدية.",
    "fa": "متن‌های کوتاه و آسان سوئدی را با هم بلند می‌خوانیم و دربارهٔ آن‌ها حرف می‌زنیم. برای کسانی که سوئدی یاد می‌گیرند مناسب است.",
    "so": "Waxaan si cod dheer ah u wada akhrinnaa qoraallo gaagaaban oo fudud oo af-Iswiidhish ah, kadibna waan ka sheekeysannaa. Waxay ku habboon tahay qofka baranaya af-Iswiidhishka.",
    "ti": "ሓጸርቲ ቀለልቲ ናይ ሽወደንኛ ጽሑፋት ብዓው ኢልና ብሓባር ነንብብን ብዛዕባኦም ንዘራረብን። ሽወደንኛ ንእትመሃሩ ጽቡቕ እዩ።",
    "uk": "Разом читаємо вголос короткі й прості шведські тексти та говоримо про них. Добре для тих, хто вчить шведську.",
}, drop=1.0, costs=("free",))

template("read-aloud", ["books"], "library", ["day", "afternoon"], 60, {
    "sv": "Högläsning med kaffe", "en": "Reading aloud with coffee",
}, {
    "sv": "En volontär läser högt ur en roman eller novellsamling. Du sitter bekvämt och lyssnar.",
    "en": "A volunteer reads aloud from a novel or short-story collection. You sit comfortably and listen.",
}, drop=1.0, costs=("free_fika",), access=("hearing-loop",))

template("writing", ["books", "culture"], "library", ["evening"], 120, {
    "sv": "Skrivarcirkel", "en": "Writing circle",
}, {
    "sv": "Vi skriver korta texter utifrån enkla uppgifter och läser för varandra om vi vill.",
    "en": "We write short texts from simple prompts and read them to each other if we want to.",
}, drop=0.4, costs=("free",), no_exp=True)

template("poetry-circle", ["books", "culture"], "library", ["evening", "afternoon"], 90, {
    "sv": "Dikter vi tycker om", "en": "Poems we like",
}, {
    "sv": "Ta med en dikt som betyder något för dig, på vilket språk som helst.",
    "en": "Bring a poem that means something to you, in any language.",
}, drop=1.0, costs=("free",))

template("book-swap", ["books"], "library", ["weekend", "afternoon"], 120, {
    "sv": "Bokbyte", "en": "Book swap",
}, {
    "sv": "Ta med böcker du har läst och byt till dig nya. Här finns böcker på många språk.",
    "en": "Bring books you have read and swap them for new ones. There are books in many languages.",
}, drop=1.0, costs=("free",))

template("audiobook", ["books"], "library", ["evening", "day"], 90, {
    "sv": "Ljudboksklubb", "en": "Audiobook club",
}, {
    "sv": "För dig som hellre lyssnar än läser. Vi lyssnar på samma bok och pratar om den.",
    "en": "For you who would rather listen than read. We listen to the same book and talk about it.",
}, drop=0.8, costs=("free",), access=("hearing-loop",))

# --- gardening --------------------------------------------------------------------------------
template("community-garden", ["gardening", "outdoors"], "garden", ["weekend", "afternoon"], 150, {
    "sv": "Gemensam odling", "en": "Community garden",
    "ar": "حديقة مشتركة", "fa": "باغچهٔ مشترک", "so": "Beer wadajir ah",
    "ti": "ሓባራዊ ሕርሻ ኣታኽልቲ", "uk": "Спільний город",
}, {
    "sv": "Vi odlar grönsaker, örter och blommor tillsammans. På vintern planerar vi, beskär bärbuskar och drar upp plantor inomhus.",
    "en": "We grow vegetables, herbs and flowers together. In winter we plan, prune the berry bushes and raise seedlings indoors.",
    "ar": "نزرع معاً الخضروات والأعشاب والزهور. في الشتاء نخطط ونقلّم شجيرات التوت ونزرع الشتلات داخل البيت.",
    "fa": "با هم سبزی، گیاهان معطر و گل می‌کاریم. در زمستان برنامه‌ریزی می‌کنیم، بوته‌های توت را هرس می‌کنیم و نشاها را در خانه پرورش می‌دهیم.",
    "so": "Waxaan si wadajir ah u beernaa khudaar, geedo udgoon iyo ubaxyo. Jiilaalka waxaan samaynaa qorsheyn, jarjarnaa geedaha miraha, gudahana waxaan ku korinnaa geedo yaryar.",
    "ti": "ኣሕምልቲ፣ ቅመማትን ዕምባባታትን ብሓባር ንተክል። ኣብ ግዜ ቁሪ ንውጥን፣ ኣእዋም ፍረ ንቖርጽን ኣብ ውሽጢ ገዛ ፈልሲ ነዕቢን።",
    "uk": "Ми разом вирощуємо овочі, зелень і квіти. Узимку плануємо, обрізаємо ягідні кущі й вирощуємо розсаду в приміщенні.",
}, drop=1.0, costs=("free", "member100"))

template("sowing", ["gardening"], "garden", [], 120, {
    "sv": "Så frön inför våren", "en": "Sowing seeds for spring",
    "ar": "نزرع البذور استعداداً للربيع", "fa": "کاشت بذر برای بهار", "so": "Abuurista iniinaha ka hor guga",
    "ti": "ንጽድያ ዘርኢ ምዝራእ", "uk": "Сіємо насіння до весни",
}, {
    "sv": "Vi sår tomater, chili och sommarblommor i krukor som du får ta med dig hem. Jord och frön finns.",
    "en": "We sow tomatoes, chillies and summer flowers in pots that you can take home. Soil and seeds are provided.",
    "ar": "نزرع الطماطم والفلفل الحار وزهور الصيف في أصص تأخذها معك إلى البيت. التربة والبذور متوفرة.",
    "fa": "گوجه‌فرنگی، فلفل تند و گل‌های تابستانی را در گلدان‌هایی می‌کاریم که می‌توانید به خانه ببرید. خاک و بذر آماده است.",
    "so": "Waxaan dheriyo yaryar ku beernaa yaanyo, basbaas iyo ubaxyada xagaaga, dheriyadaasna guriga ayaad u qaadan kartaa. Carrada iyo iniinaha waa la heli karaa.",
    "ti": "ኮሚደረ፣ በርበረን ዕምባባታትን ኣብ ንኣሽቱ ዕትሮታት ንዘርእ፣ ናብ ገዛኹም ድማ ትወስድዎም። ሓመድን ዘርእን ኣሎ።",
    "uk": "Сіємо помідори, перець чилі й літні квіти в горщики, які можна забрати додому. Земля й насіння є.",
}, drop=1.0, costs=("free",), dates=("2027-02-06", "2027-03-28", [3, 6, 7], (2, 4), ["11:00", "13:00", "17:30"]))

template("houseplants", ["gardening"], "room", ["evening", "weekend"], 120, {
    "sv": "Krukväxtcafé – byt sticklingar", "en": "Houseplant café – swap cuttings",
    "ar": "مقهى النباتات المنزلية – تبادل العُقَل", "fa": "کافه گیاهان آپارتمانی – تبادل قلمه",
    "so": "Kafeega dhirta guriga – is-weydaarsiga laamaha", "ti": "ካፈ ኣታኽልቲ ገዛ – ጨንፈር ንለዋወጥ",
    "uk": "Кафе кімнатних рослин – обмін живцями",
}, {
    "sv": "Ta med en stickling eller en växt du vill byta bort, och gå hem med något nytt. Vi delar tips om skötsel över en kopp te.",
    "en": "Bring a cutting or a plant to swap and go home with something new. We share care tips over a cup of tea.",
    "ar": "أحضر عُقلة أو نبتة تريد مبادلتها وعُد إلى البيت بشيء جديد. نتبادل نصائح العناية مع كوب من الشاي.",
    "fa": "یک قلمه یا گیاهی که می‌خواهید عوض کنید بیاورید و با چیزی تازه به خانه بروید. با یک فنجان چای نکته‌های نگهداری را با هم در میان می‌گذاریم.",
    "so": "Keen laan ama geed aad doonayso inaad beddesho, kuna noqo guriga adigoo wata wax cusub. Koob shaah ah ayaan ku wadaagnaa talooyinka daryeelka.",
    "ti": "ክትልውጥዎ እትደልዩ ጨንፈር ወይ ተኽሊ ኣምጽኡ፣ ሓድሽ ነገር ሒዝኩም ድማ ናብ ገዛ ተመለሱ። ምስ ጽዋእ ሻሂ ምኽሪ ክንክን ንካፈል።",
    "uk": "Принесіть живець або рослину на обмін і поверніться додому з чимось новим. За чашкою чаю ділимося порадами з догляду.",
}, drop=1.0, costs=("free", "free_fika"))

template("greenhouse", ["gardening"], "garden", ["day", "weekend"], 120, {
    "sv": "Växthusträff", "en": "Greenhouse meet-up",
}, {
    "sv": "Vi sköter om växthuset, vattnar och tar sticklingar. Det är varmt och grönt även när det är grått ute.",
    "en": "We look after the greenhouse, water the plants and take cuttings. It is warm and green even when it is grey outside.",
}, drop=1.0, costs=("free",))

template("garden-planning", ["gardening", "talk"], "room", ["evening"], 90, {
    "sv": "Planera odlingssäsongen", "en": "Planning the growing season",
}, {
    "sv": "Vi bläddrar i fröpåsar, ritar odlingsplaner och bestämmer vad vi ska odla i vår.",
    "en": "We browse seed packets, draw up planting plans and decide what to grow in spring.",
}, drop=1.0, costs=("free_fika",))

template("winter-garden", ["gardening", "outdoors"], "garden", ["weekend"], 150, {
    "sv": "Vinterarbete i trädgården", "en": "Winter work in the garden",
}, {
    "sv": "Vi beskär fruktträd, lägger löv på bäddarna och bygger pallkragar. Arbetshandskar finns.",
    "en": "We prune fruit trees, cover the beds with leaves and build raised beds. Work gloves are provided.",
}, drop=1.0, costs=("free",))

# ---------------------------------------------------------------------------------------------
# Associations (all invented). acts: template keys, "key@Town" to run it in another town.
# venues: (name sv, name en, street address, town or None for the home town, kinds, accessibility)
# speaks: languages besides Swedish that members and leaders speak at the activities.
# ---------------------------------------------------------------------------------------------

ORGS = []


def org(id, mun, towns, name, desc, venues, acts, *, speaks=(), reply_days=3, accepts=True, phone=True):
    ORGS.append(dict(id=id, mun=mun, towns=list(towns), name=name, desc=desc, venues=list(venues),
                     acts=list(acts), speaks=list(speaks), reply_days=reply_days, accepts=accepts, phone=phone))


# What some associations need and offer (catalogue format 1.5's "needs" and "offers"), by id; in the
# organisation's languages (pick() keeps the ones its name has).
NEEDS_OFFERS = {
    "halmstad-promenadvannerna": ({
        "sv": "Fler som vill leda en promenad ibland, gärna på lördagar. Du behöver inte kunna vägarna – vi går dem med dig först.",
        "en": "More people who would like to lead a walk now and then, Saturdays especially. You need not know the paths – we walk them with you first.",
        "ar": "مزيد من الأشخاص الذين يرغبون في قيادة نزهة من وقت لآخر، وخاصة أيام السبت. لا تحتاج إلى معرفة الطرق – سنمشيها معك أولاً.",
        "fa": "افراد بیشتری که گاهی بخواهند یک پیاده‌روی را هدایت کنند، به‌ویژه شنبه‌ها. لازم نیست راه‌ها را بلد باشید – اول با شما آن‌ها را می‌رویم.",
        "so": "Dad badan oo doonaya inay mararka qaarkood hoggaamiyaan socod, gaar ahaan Sabtida. Uma baahnid inaad taqaanno waddooyinka – marka hore adiga ayaan kula soconaynaa.",
        "ti": "ሓደ ሓደ ግዜ ዙረት ክመርሑ ዝደልዩ ተወሰኽቲ ሰባት፣ ብፍላይ ቀዳም። መገድታት ክትፈልጥ ኣየድልየካን – ቅድም ምሳኻ ኢና እንኸዶም።",
        "uk": "Більше людей, які хотіли б час від часу вести прогулянку, особливо в суботу. Знати стежки не обов’язково – спершу ми пройдемо їх разом із вами.",
    }, {
        "sv": "Sällskap ute i naturen varje vecka, i lugn takt. Termos och sittunderlag finns att låna.",
        "en": "Company outdoors every week, at a calm pace. Flasks and sit mats to borrow.",
        "ar": "صحبة في الطبيعة كل أسبوع، بوتيرة هادئة. يمكنك استعارة ترمس ووسادة للجلوس.",
        "fa": "هم‌صحبتی در طبیعت هر هفته، با سرعتی آرام. فلاسک و زیرانداز برای امانت داریم.",
        "so": "Saaxiibtinimo dibadda dabiicadda toddobaad kasta, si degan. Falaasiin iyo joodariyo fadhi ayaa la amaahan karaa.",
        "ti": "ኣብ ነፍሲ ወከፍ ሰሙን ኣብ ተፈጥሮ ብጻይነት፣ ብህዱእ ቅልጣፈ። ተርሞስን መቐመጢ ምንጻፍን ክትልቃሕ ትኽእል።",
        "uk": "Товариство на природі щотижня, у спокійному темпі. Термоси й килимки для сидіння можна позичити.",
    }),
    "halmstad-sprakvanner": ({
        "sv": "Fler språkvänner som kan ett par timmar i veckan, och en lokal för samtal på kvällstid.",
        "en": "More language friends with a couple of hours a week, and a room for evening conversations.",
        "ar": "مزيد من أصدقاء اللغة لديهم ساعتان في الأسبوع، وقاعة للمحادثات في المساء.",
        "fa": "دوستان زبان بیشتری که هفته‌ای چند ساعت وقت داشته باشند، و یک سالن برای گفت‌وگوهای عصر.",
        "so": "Saaxiibo luqadeed oo badan oo haysta dhowr saacadood toddobaadkii, iyo qol wada-hadallada fiidkii.",
        "ti": "ኣብ ሰሙን ክልተ ሰዓት ዘለዎም ተወሰኽቲ ኣዕሩኽ ቋንቋ፣ ከምኡ’ውን ንምሸታዊ ዝርርብ ዝኸውን ክፍሊ።",
        "uk": "Більше мовних друзів, які мають кілька годин на тиждень, і приміщення для вечірніх розмов.",
    }, {
        "sv": "Svenska i vardagen, utan prov och betyg. Vi hjälper också till med brev och blanketter.",
        "en": "Everyday Swedish, without tests or grades. We also help with letters and forms.",
        "ar": "السويدية في الحياة اليومية، دون امتحانات أو درجات. نساعد أيضاً في الرسائل والاستمارات.",
        "fa": "سوئدی روزمره، بدون امتحان و نمره. در نامه‌ها و فرم‌ها هم کمک می‌کنیم.",
        "so": "Af-Iswiidhish maalinlaha ah, imtixaan iyo darajo la’aan. Waxaan sidoo kale ka caawinnaa warqadaha iyo foomamka.",
        "ti": "ሽወደንኛ ናይ መዓልታዊ ናብራ፣ ብዘይ ፈተና ወይ ነጥቢ። ብደብዳቤታትን ቅጥዕታትን’ውን ንሕግዝ።",
        "uk": "Шведська для щоденного життя, без тестів і оцінок. Також допомагаємо з листами й бланками.",
    }),
    "halmstad-medmanniskor": ({
        "sv": "Volontärer som kan ta ett besök i månaden hos någon som är ensam, och en bil till matkassarna på fredagar.",
        "en": "Volunteers who can make one visit a month to someone who is lonely, and a car for the food bags on Fridays.",
        "ar": "متطوعون يستطيعون زيارة شخص وحيد مرة في الشهر، وسيارة لنقل سلال الطعام أيام الجمعة.",
        "fa": "داوطلبانی که بتوانند ماهی یک بار به دیدار کسی بروند که تنهاست، و یک خودرو برای بسته‌های غذا در روزهای جمعه.",
        "so": "Mutadawiciin awood u leh inay bishii hal mar booqdaan qof keli ah, iyo baabuur loogu talagalay boorsooyinka cuntada maalmaha Jimcaha.",
        "ti": "ኣብ ወርሒ ሓደ ግዜ ንሓደ በይኑ ዘሎ ሰብ ክበጽሑ ዝኽእሉ ወለንተኛታት፣ ከምኡ’ውን ኣብ ዓርቢ ንመግቢ ዝኸውን መኪና።",
        "uk": "Волонтери, які можуть раз на місяць відвідати самотню людину, і автомобіль для продуктових наборів у п’ятницю.",
    }, {
        "sv": "Ett sammanhang där du gör nytta, i din egen takt. Vi går bredvid dig de första gångerna.",
        "en": "A place where you make a difference, at your own pace. We go with you the first few times.",
        "ar": "مكان تكون فيه مفيداً، بوتيرتك الخاصة. نرافقك في المرات الأولى.",
        "fa": "جمعی که در آن مفید هستید، با سرعت خودتان. چند بار اول کنارتان هستیم.",
        "so": "Meel aad wax tar ku leedahay, xawaarahaaga. Waxaan kula joognaa dhowrka jeer ee ugu horreeya.",
        "ti": "ብናትካ ቅልጣፈ ጠቓሚ እትኸውን ቦታ። ኣብ ቀዳሞት ግዜያት ምሳኻ ንኸይድ።",
        "uk": "Спільнота, де ви приносите користь у своєму темпі. Перші кілька разів ми поруч із вами.",
    }),
    "halmstad-nystan": ({
        "sv": "Garnrester, tyger och symaskiner som står oanvända. Hämtar gärna!",
        "en": "Leftover yarn, fabric and sewing machines nobody uses. We are happy to collect!",
    }, {
        "sv": "En lugn stund med händerna, material att låna och någon som visar hur man börjar.",
        "en": "A calm moment with your hands, materials to borrow and someone to show you how to start.",
    }),
}

WHEEL = ["wheelchair", "accessible-toilet"]
WHEEL_LOOP = ["wheelchair", "accessible-toilet", "hearing-loop"]

# --- Halmstad ---------------------------------------------------------------------------------
org("halmstad-promenadvannerna", "Halmstad", ["Halmstad", "Getinge", "Tylösand"], {
    "sv": "Promenadvännerna i Halmstad", "en": "Halmstad Walking Friends",
    "ar": "أصدقاء المشي في هالمستاد", "fa": "دوستان پیاده‌روی هالمستاد", "so": "Saaxiibada socodka ee Halmstad",
    "ti": "ኣዕሩኽ ዙረት ብእግሪ ሃልምስታድ", "uk": "Друзі прогулянок Гальмстада",
}, {
    "sv": "Vi tror att en promenad i gott sällskap gör skillnad för både kropp och sinne. Alla går i sin egen takt och ingen lämnas efter.",
    "en": "We believe a walk in good company makes a difference for body and mind. Everyone walks at their own pace and nobody is left behind.",
    "ar": "نؤمن بأن المشي بصحبة جيدة يفيد الجسد والنفس. يمشي كل شخص حسب وتيرته، ولا يُترك أحد خلفنا.",
    "fa": "ما باور داریم که پیاده‌روی در جمعی خوب برای جسم و روان مفید است. هر کس با سرعت خودش راه می‌رود و هیچ‌کس جا نمی‌ماند.",
    "so": "Waxaan aaminsannahay in socod saaxiibo wanaagsan lala sameeyo uu wax ka beddelo jidhka iyo maskaxda. Qof walba wuxuu ku socdaa xawaarihiisa, qofna gadaal looma dhaafo.",
    "ti": "ምስ ጽቡቕ ብጻይነት ብእግሪ ምዝዋር ንስጋን ንኣእምሮን ለውጢ ከም ዘምጽእ ንኣምን። ኩሉ ብናቱ ቅልጣፈ ይኸይድ፣ ሓደ እኳ ድሕሪት ኣይተርፍን።",
    "uk": "Ми віримо, що прогулянка в доброму товаристві корисна для тіла й душі. Кожен іде у своєму темпі, і ніхто не залишається позаду.",
}, [("Promenadvännernas stuga", "The Walking Friends' cabin", "Skogsstigen 4", None, ["room", "kitchen"], WHEEL)],
    ["walk", "walk@Getinge", "beach-walk@Tylösand", "nature-walk", "walk-talk", "nordic-walking", "holiday-walk"],
    speaks=["en", "ar"], reply_days=2)

org("halmstad-nissastamman", "Halmstad", ["Halmstad", "Oskarström"], {
    "sv": "Sångföreningen Nissastämman", "en": "The Nissa Voices Singing Society",
}, {
    "sv": "En sångförening för alla som tycker om att sjunga, oavsett röst och vana. Vi sjunger visor, pop och sånger från medlemmarnas hemländer.",
    "en": "A singing society for everyone who likes to sing, whatever their voice or experience. We sing ballads, pop and songs from our members' home countries.",
}, [("Musikhuset Tonen, övningssalen", "Tonen music house, rehearsal room", "Vävaregatan 11", None, ["room"], WHEEL_LOOP)],
    ["open-choir", "sing-along", "jam", "drum-circle", "music-listening", "concert", "ukulele@Oskarström"],
    speaks=["en"], reply_days=5)

org("halmstad-sprakvanner", "Halmstad", ["Halmstad", "Getinge", "Oskarström"], {
    "sv": "Språkvänner Halmstad", "en": "Language Friends Halmstad",
    "ar": "أصدقاء اللغة في هالمستاد", "fa": "دوستان زبان هالمستاد", "so": "Saaxiibada luqadda Halmstad",
    "ti": "ኣዕሩኽ ቋንቋ ሃልምስታድ", "uk": "Мовні друзі Гальмстада",
}, {
    "sv": "Vi är volontärer som gillar att prata och lyssna. Hos oss övar du svenska i en avslappnad miljö och får nya vänner på köpet.",
    "en": "We are volunteers who like to talk and listen. With us you practise Swedish in a relaxed setting and make new friends along the way.",
    "ar": "نحن متطوعون نحب الحديث والاستماع. معنا تتدرب على السويدية في جو مريح وتكسب أصدقاء جدداً أيضاً.",
    "fa": "ما داوطلبانی هستیم که حرف زدن و گوش دادن را دوست داریم. پیش ما در فضایی راحت سوئدی تمرین می‌کنید و دوستان تازه هم پیدا می‌کنید.",
    "so": "Waxaan nahay tabarrucayaal jecel hadalka iyo dhegaysiga. Annaga nala, waxaad ku tababaranaysaa af-Iswiidhishka jawi deggan, waxaadna heleysaa saaxiibo cusub.",
    "ti": "ምዝራብን ምስማዕን እንፈቱ ወለንተኛታት ኢና። ምሳና ኣብ ዘዛናጋዕ ሃዋህው ሽወደንኛ ትለማመዱ፣ ሓደስቲ ኣዕሩኽ ድማ ትረኽቡ።",
    "uk": "Ми волонтери, які люблять говорити й слухати. У нас ви практикуєте шведську в невимушеній атмосфері й заводите нових друзів.",
}, [("Språkvännernas lokal", "Language Friends' premises", "Skeppargatan 6", None, ["room", "kitchen"], WHEEL)],
    ["language-cafe", "language-cafe@Getinge", "language-cafe@Oskarström", "speak-swedish", "language-walk",
     "swe-ukr-cafe", "newcomers-talk", "homework-help"],
    speaks=["en", "ar", "fa", "so", "ti", "uk"], reply_days=2)

org("halmstad-nystan", "Halmstad", ["Halmstad", "Harplinge"], {
    "sv": "Hantverkskollektivet Nystan", "en": "The Yarn Ball Craft Collective",
}, {
    "sv": "Vi stickar, syr, målar och drejar tillsammans. Det viktiga är inte resultatet utan stunden.",
    "en": "We knit, sew, paint and throw pots together. What matters is not the result but the moment.",
}, [("Nystans ateljé", "The Nystan studio", "Vävaregatan 2", None, ["room"], ["wheelchair"]),
    ("Harplinge bygdegård, lilla salen", "Harplinge village hall, small room", "Prästgårdsvägen 9", "Harplinge", ["room", "kitchen"], WHEEL)],
    ["knitting", "knitting@Harplinge", "mending", "crochet", "watercolour", "xmas-crafts", "pottery"],
    speaks=["en", "uk"], reply_days=4)

org("halmstad-loparen", "Halmstad", ["Halmstad", "Oskarström"], {
    "sv": "Schacksällskapet Löparen", "en": "The Bishop Chess Society",
}, {
    "sv": "Ett sällskap för schack och andra brädspel, med plats för både nybörjare och rutinerade spelare. Vi spelar för att det är roligt.",
    "en": "A society for chess and other board games, with room for beginners and seasoned players alike. We play because it is fun.",
}, [("Spelrummet i Kulturhuset Ugglan", "The games room at the Ugglan culture house", "Lärkträdsvägen 15", None, ["room"], WHEEL_LOOP)],
    ["chess", "chess@Oskarström", "board-games", "backgammon", "card-games", "role-play"],
    speaks=["en", "fa", "uk"], reply_days=7, accepts=False)

org("getinge-bygdegemenskap", "Halmstad", ["Getinge"], {
    "sv": "Getinge Bygdegemenskap", "en": "Getinge Village Community",
}, {
    "sv": "En förening som håller liv i bygdegården och bjuder in till luncher, allsång och kortspel. Här känner alla snart alla.",
    "en": "An association that keeps the village hall alive, with lunches, sing-alongs and card games. Here everybody soon knows everybody.",
}, [("Bygdegården Linden", "Linden village hall", "Bygatan 21", None, ["room", "kitchen"], WHEEL)],
    ["open-meeting", "lunch", "sing-along", "local-history", "card-games", "bingo", "xmas-baking"],
    reply_days=5)

org("oskarstrom-alla-med", "Halmstad", ["Oskarström", "Halmstad"], {
    "sv": "IF Alla Med Oskarström", "en": "Everyone Included Sports Club Oskarström",
    "ar": "النادي الرياضي «الجميع معنا» في أوسكارستروم", "fa": "باشگاه ورزشی «همه با هم» اسکارستروم",
    "so": "Kooxda isboortiga «Dhammaan Nala» ee Oskarström", "ti": "ማሕበር ስፖርት «ኩሉ ምሳና» ኦስካርስትሮም",
    "uk": "Спортивний клуб «Усі з нами» Оскарстрем",
}, {
    "sv": "En idrottsförening där det är roligare att vara med än att vinna. Vi har låga avgifter och lånar ut utrustning.",
    "en": "A sports club where taking part is more fun than winning. Our fees are low and we lend out equipment.",
    "ar": "نادٍ رياضي المشاركة فيه أمتع من الفوز. رسومنا منخفضة ونعير المعدات.",
    "fa": "باشگاهی ورزشی که در آن همراه بودن از بردن لذت‌بخش‌تر است. هزینه‌هایمان کم است و وسایل ورزشی قرض می‌دهیم.",
    "so": "Koox isboorti oo ka qaybgalku ka xiiso badan yahay guusha. Khidmadaheenu way yar yihiin, qalabkana waan amaahinnaa.",
    "ti": "ምስታፍ ካብ ምዕዋት ዝያዳ ዘሕጉሰሉ ማሕበር ስፖርት። ክፍሊትና ትሑት እዩ፣ መሳርሒ ድማ ነለቅሕ።",
    "uk": "Спортивний клуб, де брати участь цікавіше, ніж перемагати. Внески в нас невисокі, а спорядження ми позичаємо.",
}, [("Klubbstugan vid Nissadalsskolan", "The clubhouse at Nissadalsskolan", "Bruksgatan 30", None, ["room"], WHEEL)],
    ["football", "football@Halmstad", "floorball", "table-tennis", "women-exercise", "running", "badminton@Halmstad"],
    speaks=["en", "ar", "so", "ti"], reply_days=3)

org("halmstad-vardagsro", "Halmstad", ["Halmstad", "Getinge"], {
    "sv": "Föreningen Vardagsro", "en": "The Everyday Calm Association",
    "ar": "جمعية «راحة الأيام»", "fa": "انجمن «آرامش روزمره»", "so": "Ururka Xasilloonida Maalinlaha",
    "ti": "ማሕበር መዓልታዊ ህድኣት", "uk": "Об’єднання «Щоденний спокій»",
}, {
    "sv": "Vi är en förening för dig som känner dig stressad, orolig eller nedstämd i vardagen. Hos oss möts du av medmänniskor, inte av vården – och du behöver ingen remiss.",
    "en": "An association for you who feel stressed, worried or low in everyday life. Here you meet fellow human beings, not healthcare – and you need no referral.",
    "ar": "جمعية لمن يشعر بالضغط أو القلق أو الحزن في حياته اليومية. هنا تلتقي بأناس مثلك، لا بجهة علاجية – ولا تحتاج إلى إحالة.",
    "fa": "انجمنی برای کسانی که در زندگی روزمره احساس استرس، نگرانی یا دلتنگی می‌کنند. اینجا با همنوعانتان روبه‌رو می‌شوید، نه با نظام درمانی – و به معرفی‌نامه هم نیازی ندارید.",
    "so": "Urur loogu talagalay qofka dareema walbahaar, welwel ama murugo nolol maalmeedka. Halkan waxaad la kulantaa dad kale oo kula mid ah, ma aha adeeg caafimaad – umana baahnid warqad gudbin.",
    "ti": "ኣብ መዓልታዊ ህይወት ጸቕጢ፣ ጭንቀት ወይ ጓሂ ንዝስምዖ ሰብ ዝኸውን ማሕበር። ኣብዚ ምስ ከማኹም ዝበሉ ሰባት ትራኸቡ እምበር ምስ ሕክምና ኣይኮነን – ሪፈራል ድማ ኣየድልየኩምን።",
    "uk": "Об’єднання для тих, хто відчуває стрес, тривогу чи смуток у повсякденні. Тут вас зустрінуть такі ж люди, а не медики, – і направлення не потрібне.",
}, [("Vardagsros hus, samtalsrummet", "Vardagsro house, the talk room", "Kvarngatan 7", None, ["room", "kitchen"], WHEEL + ["quiet-space"]),
    ("Getinge församlingshem, lilla salen", "Getinge parish hall, small room", "Smedjevägen 4", "Getinge", ["room"], WHEEL + ["quiet-space"])],
    ["stress", "stress@Getinge", "sleep-group", "walk-talk", "men-talk", "women-cafe", "grief", "yoga"],
    speaks=["en", "ar", "fa"], reply_days=2)

org("halmstad-stadsodlarna", "Halmstad", ["Halmstad"], {
    "sv": "Stadsodlarna vid Nissan", "en": "The Nissan Urban Growers",
}, {
    "sv": "Vi odlar mitt i stan, på gemensamma lotter längs ån. Ingen behöver gröna fingrar – de växer med tiden.",
    "en": "We grow food in the middle of town, on shared plots along the river. Nobody needs green fingers – they grow with time.",
}, [("Odlingslotterna vid Åstråket", "The allotments by the river walk", "Åstråket 20", None, ["garden"], ["wheelchair"]),
    ("Odlarboden", "The growers' hut", "Åstråket 22", None, ["room"], [])],
    ["community-garden", "sowing", "houseplants", "greenhouse", "garden-planning", "winter-garden"],
    speaks=["en", "fa"], reply_days=6)

org("halmstad-kulturkompaniet", "Halmstad", ["Halmstad"], {
    "sv": "Kulturkompaniet Halmstad", "en": "Culture Company Halmstad",
}, {
    "sv": "Vi gör kultur tillgänglig för alla: film, teater, konst och öppna scener, ofta gratis. Kom som publik eller var med och skapa.",
    "en": "We make culture accessible to everyone: film, theatre, art and open stages, often free. Come as audience or help create.",
}, [("Kulturkompaniets scen", "The Culture Company stage", "Skeppargatan 14", None, ["room"], WHEEL_LOOP)],
    ["film", "theatre", "museum", "art-talk", "open-stage", "culture-night", "photo-walk"],
    speaks=["en"], reply_days=5)

org("halmstad-medmanniskor", "Halmstad", ["Halmstad"], {
    "sv": "Medmänniskor i Halmstad", "en": "Fellow Humans in Halmstad",
    "ar": "إخوة في الإنسانية في هالمستاد", "fa": "همنوعان در هالمستاد", "so": "Walaalaha bini'aadminimada ee Halmstad",
    "ti": "ሰብኣውያን ብጾት ኣብ ሃልምስታድ", "uk": "Ближні в Гальмстаді",
}, {
    "sv": "Vi gör praktisk skillnad tillsammans: second hand, matkassar och besök hos den som är ensam. Som volontär bestämmer du själv hur mycket tid du vill ge.",
    "en": "Together we make a practical difference: second-hand, food bags and visits to people who are lonely. As a volunteer you decide how much time you want to give.",
    "ar": "نُحدث معاً فرقاً عملياً: متجر للأغراض المستعملة وسلال طعام وزيارات لمن يعيشون وحدهم. كمتطوع، أنت تقرر كم من وقتك تريد أن تعطي.",
    "fa": "با هم تغییری عملی ایجاد می‌کنیم: فروشگاه دست‌دوم، بسته‌های غذا و دیدار با کسانی که تنها هستند. به‌عنوان داوطلب، خودتان تصمیم می‌گیرید چقدر وقت بگذارید.",
    "so": "Si wadajir ah ayaan isbeddel la taaban karo u samaynaa: dukaan alaab la isticmaalay, bacaha cuntada iyo booqashada dadka kelida ah. Tabarruce ahaan, adiga ayaa go'aansanaya inta waqti ee aad bixinayso.",
    "ti": "ብሓባር ግብራዊ ለውጢ ነምጽእ፦ ድኳን ዝተጠቕመሉ ኣቕሑ፣ ሳንጣታት መግብን ንበይኖም ዘለዉ ሰባት ምብጻሕን። ከም ወለንተኛ ክንደይ ግዜ ክትህቡ ከም እትደልዩ ባዕልኹም ትውስኑ።",
    "uk": "Разом ми робимо практичні речі: секонд-хенд, продуктові набори та відвідини самотніх людей. Як волонтер ви самі вирішуєте, скільки часу віддавати.",
}, [("Medmänniskors hus", "Fellow Humans' house", "Kvarngatan 21", None, ["room", "kitchen"], WHEEL_LOOP),
    ("Butiken Andra Chansen", "The Second Chance shop", "Kvarngatan 19", None, ["shop"], WHEEL)],
    ["second-hand", "food-bags", "visit-friend", "cafe-help", "clothes-swap", "night-walk", "christmas-eve"],
    speaks=["en", "ar", "so"], reply_days=3)

org("tylosand-havsbadarna", "Halmstad", ["Tylösand"], {
    "sv": "Havsbadarna i Tylösand", "en": "The Tylösand Sea Bathers",
}, {
    "sv": "Vi badar i havet året runt och värmer oss i vår vedeldade bastu. Många säger att kylan rensar huvudet.",
    "en": "We swim in the sea all year round and warm up in our wood-fired sauna. Many say the cold clears the mind.",
}, [("Bastuflotten vid bryggan", "The sauna raft by the jetty", "Sandvägen 5", None, ["room"], [])],
    ["winter-swim", "beach-walk", "beach-cleanup", "yoga", "birdwatching"],
    speaks=["en"], reply_days=7, phone=False)

# --- Varberg ----------------------------------------------------------------------------------
org("varberg-sprakbron", "Varberg", ["Varberg", "Tvååker", "Veddige"], {
    "sv": "Språkbron Varberg", "en": "Language Bridge Varberg",
    "ar": "جسر اللغة في فاربري", "fa": "پل زبان واربری", "so": "Buundada luqadda Varberg",
    "ti": "ድልድል ቋንቋ ቫርበሪ", "uk": "Мовний міст Варберг",
}, {
    "sv": "Språkbron bygger broar mellan människor genom samtal. Vi träffas på bibliotek och i föreningslokaler över hela kommunen.",
    "en": "Language Bridge builds bridges between people through conversation. We meet at libraries and association premises across the municipality.",
    "ar": "يبني «جسر اللغة» جسوراً بين الناس من خلال الحديث. نلتقي في المكتبات ومقرات الجمعيات في أنحاء البلدية.",
    "fa": "«پل زبان» از راه گفتگو میان آدم‌ها پل می‌سازد. در کتابخانه‌ها و محل انجمن‌ها در سراسر کمون دور هم جمع می‌شویم.",
    "so": "Buundada luqaddu waxay dadka isku xidhaa iyadoo loo marayo wadahadal. Waxaan ku kulannaa maktabadaha iyo xarumaha ururrada ee degmada oo dhan.",
    "ti": "ድልድል ቋንቋ ብዘተ ኣቢሉ ኣብ መንጎ ሰባት ድልድል ይሃንጽ። ኣብ ቤተ-መጻሕፍትን ኣብ ቦታታት ማሕበራትን ኣብ መላእ ኮሙን ንራኸብ።",
    "uk": "«Мовний міст» з’єднує людей через розмову. Ми зустрічаємося в бібліотеках і приміщеннях об’єднань по всій комуні.",
}, [("Språkbrons lokal", "Language Bridge premises", "Norrgatan 17", None, ["room", "kitchen"], WHEEL_LOOP)],
    ["language-cafe", "language-cafe@Tvååker", "language-cafe@Veddige", "speak-swedish", "easy-reading",
     "newcomers-talk", "homework-help", "language-walk", "sign-cafe"],
    speaks=["en", "ar", "so", "ti", "uk"], reply_days=2)

org("varberg-kustvandrarna", "Varberg", ["Varberg", "Bua"], {
    "sv": "Kustvandrarna i Varberg", "en": "The Varberg Coastal Walkers",
}, {
    "sv": "Vi vandrar längs Hallandskusten och i skogarna innanför, i alla väder och årstider. Turerna är korta och tempot lugnt.",
    "en": "We walk along the Halland coast and in the forests inland, in all weathers and seasons. The walks are short and the pace is calm.",
}, [("Kustvandrarnas klubbrum", "The Coastal Walkers' club room", "Fiskaregatan 3", None, ["room"], ["wheelchair"])],
    ["beach-walk", "beach-walk@Bua", "nature-walk", "birdwatching", "stargazing", "winter-bonfire", "forest-bathing", "holiday-walk"],
    speaks=["en"], reply_days=4)

org("tvaaker-ljungbacken", "Varberg", ["Tvååker"], {
    "sv": "Föreningen Ljungbacken i Tvååker", "en": "The Ljungbacken Association in Tvååker",
}, {
    "sv": "Ljungbacken är bygdens vardagsrum. Vi bjuder på lunch, sittgympa, bingo och sång – och framför allt på sällskap.",
    "en": "Ljungbacken is the village's living room. We offer lunch, chair exercise, bingo and songs – and above all company.",
}, [("Ljungbackens träffpunkt", "The Ljungbacken meeting place", "Ljungvägen 8", None, ["room", "kitchen"], WHEEL_LOOP)],
    ["open-meeting", "lunch", "card-games", "bingo", "chair-gym", "sing-along", "local-history"],
    reply_days=5)

org("veddige-grona-fingrar", "Varberg", ["Veddige"], {
    "sv": "Odlarlaget Gröna Fingrar", "en": "The Green Fingers Growers' Club",
    "ar": "نادي البستنة «الأصابع الخضراء»", "fa": "انجمن باغبانی «انگشتان سبز»", "so": "Kooxda beeraleyda «Farta Cagaaran»",
    "ti": "ማሕበር ሓረስቶት «ሓምለዋይ ኣጻብዕ»", "uk": "Гурток городників «Зелені пальці»",
}, {
    "sv": "Ett odlarlag i Veddige med gemensamma odlingslotter och ett litet växthus bakom gamla mejeriet. Här finns alltid något att göra, även på vintern.",
    "en": "A growers' club in Veddige with shared plots and a small greenhouse behind the old dairy. There is always something to do, even in winter.",
    "ar": "نادٍ للبستنة في فيدييه لديه قطع أرض مشتركة ودفيئة صغيرة خلف معمل الألبان القديم. هناك دائماً ما نفعله، حتى في الشتاء.",
    "fa": "انجمنی از باغبان‌ها در ودیه با قطعه‌زمین‌های مشترک و یک گلخانهٔ کوچک پشت لبنیاتی قدیمی. همیشه کاری برای انجام دادن هست، حتی در زمستان.",
    "so": "Urur beereed oo ku yaal Veddige, leh dhul-beereed wadaag ah iyo aqal-dhireed yar oo ka dambeeya warshaddii caanaha ee hore. Had iyo jeer waxaa jira wax la qabto, xitaa jiilaalka.",
    "ti": "ኣብ ቨዲየ ሓባራዊ መሬት ሕርሻን ድሕሪ እቲ ናይ ቀደም ፋብሪካ ጸባ ንእሽቶ ገዛ ኣታኽልትን ዘለዎ ማሕበር ሓረስቶት። ኣብ ግዜ ቁሪ እውን ኩሉ ግዜ ዝግበር ነገር ኣሎ።",
    "uk": "Гурток городників у Веддіє зі спільними ділянками й маленькою теплицею за старою молочарнею. Тут завжди є чим зайнятися, навіть узимку.",
}, [("Odlingarna bakom gamla mejeriet", "The plots behind the old dairy", "Mejerivägen 5", None, ["garden"], ["wheelchair"]),
    ("Mejeriets föreningsrum och kök", "The dairy's club room and kitchen", "Mejerivägen 3", None, ["room", "kitchen"], WHEEL)],
    ["community-garden", "sowing", "greenhouse", "garden-planning", "cook-together", "houseplants"],
    speaks=["en", "ti", "uk"], reply_days=4)

org("varberg-kokskamraterna", "Varberg", ["Varberg"], {
    "sv": "Kökskamraterna Varberg", "en": "Kitchen Companions Varberg",
    "ar": "رفاق المطبخ في فاربري", "fa": "هم‌آشپزهای واربری", "so": "Saaxiibada jikada Varberg",
    "ti": "ብጾት ክሽነ ቫርበሪ", "uk": "Кухонні товариші Варберга",
}, {
    "sv": "Vi tror på maten som mötesplats. Vi lagar, bakar och äter tillsammans, och alla kök i världen är välkomna hos oss.",
    "en": "We believe in food as a meeting place. We cook, bake and eat together, and every kitchen in the world is welcome here.",
    "ar": "نؤمن بأن الطعام مكان للقاء. نطبخ ونخبز ونأكل معاً، وكل مطابخ العالم مرحب بها عندنا.",
    "fa": "ما باور داریم که غذا محل دیدار است. با هم آشپزی می‌کنیم، نان و شیرینی می‌پزیم و غذا می‌خوریم، و آشپزی همهٔ دنیا پیش ما جا دارد.",
    "so": "Waxaan aaminsannahay in cuntadu tahay goob kulan. Waxaan wada karinnaa, wada dubnaa oo wada cunnaa, jikada adduunka oo dhanna halkan waa lagu soo dhaweynayaa.",
    "ti": "መግቢ ቦታ ርክብ ምዃኑ ንኣምን። ብሓባር ንኸሽን፣ ባኒ ንሰርሕን ንበልዕን፣ ኩሉ ክሽነ ዓለም ድማ ኣብዚ እንቋዕ ብደሓን መጸ።",
    "uk": "Ми віримо, що їжа – це місце зустрічі. Разом готуємо, печемо й їмо, і тут раді кухням з усього світу.",
}, [("Kökskamraternas kök", "The Kitchen Companions' kitchen", "Repslagaregatan 9", None, ["room", "kitchen"], WHEEL)],
    ["cook-together", "world-kitchen", "soup", "baking", "budget-cooking", "xmas-baking", "lunch", "christmas-eve"],
    speaks=["en", "ar", "fa", "ti"], reply_days=3)

org("varberg-rorelsegladje", "Varberg", ["Varberg"], {
    "sv": "Rörelseglädje Varberg", "en": "Joy of Movement Varberg",
}, {
    "sv": "Vi rör på oss för att det känns bra, inte för att prestera. Yoga, dans, simning och stavgång för alla kroppar.",
    "en": "We move because it feels good, not to perform. Yoga, dance, swimming and Nordic walking for every body.",
}, [("Rörelsesalen", "The movement studio", "Repslagaregatan 21", None, ["room"], WHEEL)],
    ["yoga", "dance", "swimming", "chair-gym", "nordic-walking", "running", "boule"],
    speaks=["en"], reply_days=5)

org("varberg-lasframjarna", "Varberg", ["Varberg", "Veddige"], {
    "sv": "Läsfrämjarna i Varberg", "en": "The Varberg Reading Promoters",
}, {
    "sv": "Vi älskar böcker och vill dela läsglädjen med fler. Våra cirklar håller till på biblioteken och är öppna för alla.",
    "en": "We love books and want to share the joy of reading. Our circles meet at the libraries and are open to all.",
}, [],
    ["reading-circle", "reading-circle@Veddige", "read-aloud", "writing", "poetry-circle", "book-swap", "audiobook"],
    speaks=["en"], reply_days=7, phone=False)

org("varberg-regnbagsgemenskapen", "Varberg", ["Varberg"], {
    "sv": "Regnbågsgemenskapen Varberg", "en": "Rainbow Community Varberg",
}, {
    "sv": "En trygg mötesplats för hbtqi-personer i alla åldrar och deras vänner. Fika, film, spel och samtal.",
    "en": "A safe meeting place for LGBTQI people of all ages and their friends. Coffee, films, games and conversation.",
}, [("Regnbågsrummet", "The Rainbow Room", "Norrgatan 30", None, ["room", "kitchen"], WHEEL + ["quiet-space"])],
    ["lgbtq-fika", "film", "board-games", "youth-talk", "quiz"],
    speaks=["en"], reply_days=3)

org("varberg-aterbrukarna", "Varberg", ["Varberg", "Tvååker"], {
    "sv": "Återbrukarna i Varberg", "en": "The Varberg Reusers",
    "ar": "معيدو الاستخدام في فاربري", "fa": "بازاستفاده‌کنندگان واربری", "so": "Dib-u-isticmaalayaasha Varberg",
    "ti": "ዳግመ-ተጠቀምቲ ቫርበሪ", "uk": "«Друге життя речей» Варберг",
}, {
    "sv": "Vi ger saker ett längre liv: vi lagar, byter och säljer vidare. Överskottet går till lokala projekt för barn och unga.",
    "en": "We give things a longer life: we repair, swap and resell. The surplus goes to local projects for children and young people.",
    "ar": "نمنح الأشياء عمراً أطول: نصلحها ونتبادلها ونعيد بيعها. يذهب الفائض إلى مشاريع محلية للأطفال والشباب.",
    "fa": "به وسایل عمر دوباره می‌دهیم: تعمیر می‌کنیم، عوض می‌کنیم و دوباره می‌فروشیم. درآمد اضافی صرف پروژه‌های محلی برای کودکان و نوجوانان می‌شود.",
    "so": "Alaabta waxaan siinnaa nolol dheer: waan hagaajinnaa, is-weydaarsannaa oo dib u iibinnaa. Dakhliga dheeraadka ah waxaa loo qoondeeyaa mashaariic deegaan oo carruurta iyo dhallinyarada ah.",
    "ti": "ንኣቕሑ ነዊሕ ዕድመ ንህቦ፦ ንጽግን፣ ንለዋወጥን ከም ብሓድሽ ንሸጥን። እቲ ተረፍ ንከባብያዊ ፕሮጀክትታት ቆልዑን መንእሰያትን ይውዕል።",
    "uk": "Ми даруємо речам довше життя: лагодимо, обмінюємо й перепродаємо. Прибуток іде на місцеві проєкти для дітей і молоді.",
}, [("Återbruket, butik och verkstad", "Återbruket shop and workshop", "Fiskaregatan 12", None, ["shop", "room"], WHEEL),
    ("Återbruket Tvååker", "Återbruket Tvååker", "Stationsvägen 6", "Tvååker", ["shop", "room"], ["wheelchair"])],
    ["second-hand", "second-hand@Tvååker", "repair-cafe", "bike-repair", "mending", "clothes-swap", "beach-cleanup"],
    speaks=["en", "ar", "so", "uk"], reply_days=4)

# --- Falkenberg -------------------------------------------------------------------------------
org("falkenberg-motesplats-atran", "Falkenberg", ["Falkenberg"], {
    "sv": "Mötesplats Ätran", "en": "Ätran Meeting Place",
    "ar": "ملتقى إيتران", "fa": "پاتوق اِتران", "so": "Goobta kulanka Ätran",
    "ti": "ቦታ ርክብ ኤትራን", "uk": "Місце зустрічей «Етран»",
}, {
    "sv": "En öppen mötesplats i centrala Falkenberg för alla som vill ha sällskap. Här kan du fika, prata eller bara vara.",
    "en": "An open meeting place in central Falkenberg for anyone who wants company. You can have coffee, talk or just be.",
    "ar": "ملتقى مفتوح في وسط فالكنبيري لكل من يبحث عن رفقة. يمكنك أن تشرب القهوة أو تتحدث أو أن تكون هنا فقط.",
    "fa": "پاتوقی باز در مرکز فالکنبری برای همهٔ کسانی که همراهی می‌خواهند. اینجا می‌توانید قهوه بنوشید، گپ بزنید یا فقط باشید.",
    "so": "Goob kulan oo furan oo ku taal bartamaha Falkenberg, loogu talagalay qof kasta oo doonaya saaxiibtinimo. Waxaad cabbi kartaa kafee, sheekeysan kartaa ama joogi kartaa oo keliya.",
    "ti": "ኣብ ማእከል ፋልከንበሪ ንዝኾነ ብጻይነት ዝደሊ ሰብ ክፉት ቦታ ርክብ። ቡን ክትሰትዩ፣ ክትዘራረቡ ወይ ድማ ክትጸንሑ ጥራይ ትኽእሉ።",
    "uk": "Відкрите місце зустрічей у центрі Фалькенберга для всіх, хто хоче товариства. Тут можна випити кави, поговорити або просто побути.",
}, [("Mötesplats Ätran", "Ätran Meeting Place", "Hantverkaregatan 5", None, ["room", "kitchen"], WHEEL_LOOP + ["quiet-space"])],
    ["open-meeting", "lunch", "cafe-help", "women-cafe", "men-talk", "stress", "christmas-eve", "holiday-walk"],
    speaks=["en", "ar", "so"], reply_days=2)

org("ullared-skogsglantan", "Falkenberg", ["Ullared"], {
    "sv": "Bygdelaget Skogsgläntan", "en": "The Forest Glade Village Society",
}, {
    "sv": "Vi är ett bygdelag i skogsbygden kring Ullared. Vi vandrar, täljer, kokar soppa och berättar om hur det var förr.",
    "en": "We are a village society in the forest country around Ullared. We walk, whittle, make soup and tell stories of the old days.",
}, [("Skogsgläntans bygdestuga", "The Forest Glade cottage", "Högvadsvägen 40", None, ["room", "kitchen"], ["wheelchair"])],
    ["forest-bathing", "nature-walk", "woodwork", "local-history", "xmas-crafts", "soup", "walk"],
    reply_days=6)

org("falkenberg-tarningen", "Falkenberg", ["Falkenberg", "Vessigebro"], {
    "sv": "Spelklubben Tärningen", "en": "The Dice Games Club",
}, {
    "sv": "Brädspel, rollspel, kortspel och frågesport. Hos oss är alla välkomna att spela, från åtta till åttio.",
    "en": "Board games, role-playing, card games and quizzes. Everyone is welcome to play with us, from eight to eighty.",
}, [("Tärningens spellokal", "The Dice Club games room", "Tullbrovägen 12", None, ["room"], WHEEL),
    ("Vessigebro bygdegård", "Vessigebro village hall", "Kvarnvägen 2", "Vessigebro", ["room", "kitchen"], WHEEL)],
    ["board-games", "role-play", "quiz", "chess", "card-games", "board-games@Vessigebro"],
    speaks=["en"], reply_days=7, accepts=False)

org("falkenberg-musikforeningen-laxen", "Falkenberg", ["Falkenberg"], {
    "sv": "Musikföreningen Laxen", "en": "The Salmon Music Society",
}, {
    "sv": "Vi spelar och sjunger tillsammans – ukulele, trummor, kör och jam. Instrument finns att låna.",
    "en": "We play and sing together – ukulele, drums, choir and jam sessions. Instruments can be borrowed.",
}, [("Laxens replokal", "The Salmon rehearsal room", "Laxgatan 4", None, ["room"], WHEEL_LOOP)],
    ["ukulele", "jam", "open-choir", "concert", "drum-circle", "music-listening"],
    speaks=["en"], reply_days=5)

org("falkenberg-varldskoket", "Falkenberg", ["Falkenberg", "Ullared"], {
    "sv": "Världsköket Falkenberg", "en": "World Kitchen Falkenberg",
    "ar": "مطبخ العالم في فالكنبيري", "fa": "آشپزخانهٔ جهانی فالکنبری", "so": "Jikada adduunka ee Falkenberg",
    "ti": "ክሽነ ዓለም ፋልከንበሪ", "uk": "Кухня світу Фалькенберг",
}, {
    "sv": "Vi är nya och gamla falkenbergare som möts över maten. Varje vecka lagar vi något från en ny del av världen.",
    "en": "We are new and long-time Falkenberg residents who meet over food. Every week we cook something from a new part of the world.",
    "ar": "نحن سكان جدد وقدامى في فالكنبيري نلتقي حول الطعام. كل أسبوع نطبخ شيئاً من جزء جديد من العالم.",
    "fa": "ما ساکنان تازه و قدیمی فالکنبری هستیم که سر غذا دور هم جمع می‌شویم. هر هفته چیزی از گوشهٔ تازه‌ای از دنیا می‌پزیم.",
    "so": "Waxaan nahay dadka Falkenberg ee cusub iyo kuwa muddada dheer deggan oo cuntada isugu yimaada. Toddobaad kasta waxaan karinnaa wax ka yimid qayb cusub oo adduunka ah.",
    "ti": "ሓደስትን ነባርትን ተቐማጦ ፋልከንበሪ ኢና፣ ኣብ መግቢ ንራኸብ። ኩሉ ሰሙን ካብ ሓድሽ ክፋል ዓለም ሓደ ነገር ንሰርሕ።",
    "uk": "Ми – нові й давні мешканці Фалькенберга, які зустрічаються за їжею. Щотижня готуємо щось із нового куточка світу.",
}, [("Världsköket", "The World Kitchen", "Hantverkaregatan 18", None, ["room", "kitchen"], WHEEL),
    ("Ullareds församlingsgård, köket", "Ullared parish hall kitchen", "Kyrkbyvägen 3", "Ullared", ["room", "kitchen"], WHEEL)],
    ["world-kitchen", "cook-together", "baking", "language-cafe", "soup", "lunch@Ullared"],
    speaks=["en", "ar", "fa", "so", "ti"], reply_days=3)

org("falkenberg-bollgladje", "Falkenberg", ["Falkenberg", "Vessigebro"], {
    "sv": "Bollglädje Falkenberg", "en": "Ball Joy Falkenberg",
    "ar": "متعة الكرة في فالكنبيري", "fa": "شادی توپ فالکنبری", "so": "Farxadda kubadda Falkenberg",
    "ti": "ሓጎስ ኩዕሶ ፋልከንበሪ", "uk": "Радість м’яча Фалькенберг",
}, {
    "sv": "Fotboll, innebandy och pingis för alla som vill röra sig utan krav. Inga tävlingar – bara spel.",
    "en": "Football, floorball and table tennis for anyone who wants to move without pressure. No competitions – just play.",
    "ar": "كرة القدم وكرة الأرض وكرة الطاولة لكل من يريد الحركة دون ضغط. لا منافسات – فقط لعب.",
    "fa": "فوتبال، فلوربال و پینگ‌پنگ برای همهٔ کسانی که می‌خواهند بدون فشار تحرک داشته باشند. بدون مسابقه – فقط بازی.",
    "so": "Kubadda cagta, floorball iyo teenis-miiska qof kasta oo doonaya inuu dhaqdhaqaaqo cadaadis la'aan. Tartan ma jiro – ciyaar oo keliya.",
    "ti": "ኩዕሶ እግሪ፣ ፍሎርቦልን ፒንግ-ፖንግን ብዘይ ጸቕጢ ክንቀሳቐስ ንዝደሊ ኩሉ። ውድድር የለን – ጸወታ ጥራይ።",
    "uk": "Футбол, флорбол і настільний теніс для всіх, хто хоче рухатися без тиску. Без змагань – просто гра.",
}, [],
    ["football", "football@Vessigebro", "floorball", "badminton", "table-tennis", "running"],
    speaks=["en", "ar", "so", "ti"], reply_days=3)

org("vessigebro-hantverksgillet", "Falkenberg", ["Vessigebro", "Falkenberg"], {
    "sv": "Hantverksgillet Vessigebro", "en": "The Vessigebro Craft Guild",
}, {
    "sv": "Trä, lera, garn och färg. Vi delar verkstad, verktyg och kunskap med alla som vill skapa med händerna.",
    "en": "Wood, clay, yarn and paint. We share a workshop, tools and know-how with anyone who wants to create with their hands.",
}, [("Gillets verkstad i gamla kvarnen", "The guild workshop in the old mill", "Kvarnvägen 7", None, ["room"], ["wheelchair"]),
    ("Falkenbergs folkets hus, hantverksrummet", "Falkenberg community house, craft room", "Laxgatan 20", "Falkenberg", ["room"], WHEEL_LOOP)],
    ["woodwork", "pottery", "knitting", "crochet", "watercolour", "knitting@Falkenberg"],
    reply_days=6)

# --- Kungsbacka -------------------------------------------------------------------------------
org("kungsbacka-sprakcafe-motas", "Kungsbacka", ["Kungsbacka", "Onsala"], {
    "sv": "Språkcaféet Mötas", "en": "Meet Language Café",
    "ar": "مقهى اللغة «لقاء»", "fa": "کافه زبان «دیدار»", "so": "Kafeega luqadda «Kulan»",
    "ti": "ካፈ ቋንቋ «ርክብ»", "uk": "Мовне кафе «Зустріч»",
}, {
    "sv": "Ett språkcafé i Kungsbacka och Onsala där svenskar och nya svenskar möts. Vi pratar om allt mellan himmel och jord.",
    "en": "A language café in Kungsbacka and Onsala where Swedes and new Swedes meet. We talk about everything under the sun.",
    "ar": "مقهى لغة في كونغسباكا وأونسالا يلتقي فيه السويديون والسويديون الجدد. نتحدث عن كل شيء.",
    "fa": "کافه زبانی در کونگسباکا و اونسالا که سوئدی‌ها و سوئدی‌های تازه در آن همدیگر را می‌بینند. از هر دری سخن می‌گوییم.",
    "so": "Kafee luqadeed oo ku yaal Kungsbacka iyo Onsala, halkaas oo ay ku kulmaan dadka Iswiidhishka ah iyo kuwa cusub. Wax walba ayaan ka sheekeysannaa.",
    "ti": "ሽወደናውያንን ሓደስቲ ሽወደናውያንን ዝራኸብሉ ኣብ ኩንግስባካን ኦንሳላን ዘሎ ካፈ ቋንቋ። ብዛዕባ ኩሉ ነገር ንዘራረብ።",
    "uk": "Мовне кафе в Кунгсбацці та Онсалі, де зустрічаються шведи й нові шведи. Говоримо про все на світі.",
}, [("Mötas café", "The Mötas café", "Torggatan 8", None, ["room", "kitchen"], WHEEL_LOOP)],
    ["language-cafe", "language-cafe@Onsala", "swe-ukr-cafe", "speak-swedish", "english-conversation",
     "language-walk", "newcomers-talk"],
    speaks=["en", "ar", "fa", "uk"], reply_days=2)

org("onsala-friluftsforeningen-udden", "Kungsbacka", ["Onsala", "Åsa"], {
    "sv": "Friluftsföreningen Udden", "en": "The Point Outdoor Association",
}, {
    "sv": "Vi är ute i naturen på Onsalahalvön och längs kusten söderut. Vandring, fågelskådning, vinterbad och brasor.",
    "en": "We are out in nature on the Onsala peninsula and along the coast to the south. Walks, birdwatching, winter swims and campfires.",
}, [("Uddens scoutstuga", "The Point scout hut", "Fiskebovägen 12", None, ["room", "kitchen"], [])],
    ["nature-walk", "beach-walk", "beach-walk@Åsa", "birdwatching", "forest-bathing", "winter-bonfire",
     "beach-cleanup", "winter-swim", "holiday-walk"],
    speaks=["en"], reply_days=5)

org("kungsbacka-samtalsforeningen-bryggan", "Kungsbacka", ["Kungsbacka", "Åsa"], {
    "sv": "Samtalsföreningen Bryggan", "en": "The Jetty Talk Association",
    "ar": "جمعية الحوار «الرصيف»", "fa": "انجمن گفتگوی «اسکله»", "so": "Ururka wadahadalka «Marsada»",
    "ti": "ማሕበር ዘተ «መዕረፊ ጃልባ»", "uk": "Розмовне об’єднання «Пристань»",
}, {
    "sv": "Bryggan erbjuder samtalsgrupper och promenadsamtal med utbildade volontärer. Vi är ingen vård, men ett ställe där du får prata av dig.",
    "en": "The Jetty offers talk groups and walking talks with trained volunteers. We are not healthcare, but a place where you can get things off your chest.",
    "ar": "تقدم «الرصيف» مجموعات حوار وأحاديث أثناء المشي مع متطوعين مدرَّبين. لسنا جهة علاجية، بل مكان يمكنك فيه أن تفضفض.",
    "fa": "«اسکله» گروه‌های گفتگو و گفتگو در حین پیاده‌روی با داوطلبان آموزش‌دیده برگزار می‌کند. ما مرکز درمانی نیستیم، اما جایی هستیم که می‌توانید درد دل کنید.",
    "so": "Marsadu waxay bixisaa kooxo wadahadal iyo sheeko socod ah oo ay la socdaan tabarrucayaal tababaran. Ma nihin adeeg caafimaad, laakiin waa meel aad ku sheegi karto waxa kugu culus.",
    "ti": "«መዕረፊ ጃልባ» ምስ ዝሰልጠኑ ወለንተኛታት ጉጅለታት ዘተን እናተጓዓዝካ ዝግበር ዘተን የቕርብ። ሕክምና ኣይኮናን፣ ግን ዘሎኩም ክትዛረቡሉ እትኽእሉ ቦታ ኢና።",
    "uk": "«Пристань» пропонує групи розмов і розмови на прогулянці з навченими волонтерами. Ми не медичний заклад, а місце, де можна виговоритися.",
}, [("Bryggans samtalsrum", "The Jetty talk room", "Borgmästaregatan 4", None, ["room"], WHEEL + ["quiet-space"]),
    ("Åsa föreningshus, lilla rummet", "Åsa community house, small room", "Båtvägen 2", "Åsa", ["room"], WHEEL + ["quiet-space"])],
    ["stress", "stress@Åsa", "walk-talk", "grief", "sleep-group", "parents-talk", "youth-talk"],
    speaks=["en", "ar", "uk"], reply_days=2)

org("asa-kulturforeningen", "Kungsbacka", ["Åsa"], {
    "sv": "Kulturföreningen Strandljus", "en": "The Shorelight Culture Society",
}, {
    "sv": "Film, konserter och öppna scener i det gamla stationshuset. Vi vill att kultur ska vara nära och billig.",
    "en": "Films, concerts and open stages in the old station house. We want culture to be close at hand and cheap.",
}, [("Gamla stationshuset", "The old station house", "Stationsvägen 3", None, ["room", "kitchen"], WHEEL_LOOP)],
    ["film", "open-stage", "local-history", "art-talk", "photo-walk", "concert", "culture-night"],
    speaks=["en"], reply_days=5)

org("kungsbacka-bokcirkeln-eken", "Kungsbacka", ["Kungsbacka", "Frillesås"], {
    "sv": "Bokcirkeln Eken", "en": "The Oak Book Circle",
}, {
    "sv": "Vi läser, skriver och pratar om böcker. Cirklarna är små och alla får komma till tals.",
    "en": "We read, write and talk about books. The circles are small and everyone gets a say.",
}, [],
    ["reading-circle", "writing", "read-aloud", "book-swap", "poetry-circle", "easy-reading", "reading-circle@Frillesås"],
    speaks=["en"], reply_days=7, phone=False)

org("kungsbacka-grannhjalpen", "Kungsbacka", ["Kungsbacka"], {
    "sv": "Grannhjälpen Kungsbacka", "en": "Neighbour Help Kungsbacka",
    "ar": "مساعدة الجيران في كونغسباكا", "fa": "کمک همسایه کونگسباکا", "so": "Caawinta deriska Kungsbacka",
    "ti": "ሓገዝ ጎረቤት ኩንግስባካ", "uk": "Сусідська допомога Кунгсбакка",
}, {
    "sv": "Grannhjälpen kopplar ihop människor som vill hjälpa till med människor som behöver lite sällskap eller stöd. Ett par timmar i månaden räcker långt.",
    "en": "Neighbour Help connects people who want to help with people who need a bit of company or support. A couple of hours a month goes a long way.",
    "ar": "تربط «مساعدة الجيران» بين من يريدون المساعدة ومن يحتاجون إلى قليل من الرفقة أو الدعم. ساعتان في الشهر تصنعان فرقاً كبيراً.",
    "fa": "«کمک همسایه» کسانی را که می‌خواهند کمک کنند با کسانی که به کمی همراهی یا پشتیبانی نیاز دارند آشنا می‌کند. چند ساعت در ماه هم خیلی کارساز است.",
    "so": "Caawinta deriska waxay isku xidhaa dadka doonaya inay wax caawiyaan iyo dadka u baahan xoogaa saaxiibtinimo ama taageero ah. Dhowr saacadood bishii ayaa wax weyn tarta.",
    "ti": "ሓገዝ ጎረቤት ክሕግዙ ዝደልዩ ሰባት ምስ ቁሩብ ብጻይነት ወይ ደገፍ ዘድልዮም ሰባት የራኽብ። ኣብ ወርሒ ክልተ ሰዓት እኳ ብዙሕ ይሰርሕ።",
    "uk": "«Сусідська допомога» з’єднує тих, хто хоче допомагати, з тими, кому потрібне товариство чи підтримка. Кілька годин на місяць – це вже багато.",
}, [("Grannhjälpens kontor och café", "Neighbour Help office and café", "Kyrkogatan 11", None, ["room", "kitchen"], WHEEL),
    ("Grannhjälpens second hand-butik", "Neighbour Help second-hand shop", "Kyrkogatan 15", None, ["shop"], WHEEL)],
    ["visit-friend", "food-bags", "second-hand", "cafe-help", "night-walk", "homework-help", "christmas-eve"],
    speaks=["en", "ar", "so"], reply_days=2)

org("frillesas-frokapseln", "Kungsbacka", ["Frillesås"], {
    "sv": "Odlingsföreningen Frökapseln", "en": "The Seed Pod Growers",
}, {
    "sv": "Vi odlar på en gammal handelsträdgård utanför Frillesås. Växthuset är varmt även i januari.",
    "en": "We grow on an old market garden outside Frillesås. The greenhouse is warm even in January.",
}, [("Frökapselns handelsträdgård", "The Seed Pod market garden", "Lyngåsvägen 31", None, ["garden"], ["wheelchair"]),
    ("Trädgårdens packhus", "The garden's packing house", "Lyngåsvägen 29", None, ["room", "kitchen"], [])],
    ["community-garden", "greenhouse", "sowing", "garden-planning", "houseplants"],
    speaks=["en"], reply_days=6)

org("kungsbacka-seniorer-i-rorelse", "Kungsbacka", ["Kungsbacka", "Onsala"], {
    "sv": "Seniorer i rörelse Kungsbacka", "en": "Seniors on the Move Kungsbacka",
}, {
    "sv": "Rörelse, musik och gemenskap för dig som har några år på nacken. Du är välkommen även om du aldrig har tränat förut.",
    "en": "Movement, music and fellowship for those with a few years behind them. You are welcome even if you have never exercised before.",
}, [("Seniorernas träffpunkt", "The seniors' meeting place", "Varlavägen 6", None, ["room", "kitchen"], WHEEL_LOOP),
    ("Onsala församlingshem", "Onsala parish hall", "Vallbyvägen 2", "Onsala", ["room"], WHEEL_LOOP)],
    ["chair-gym", "nordic-walking", "dance", "swimming", "sing-along", "bingo", "chair-gym@Onsala"],
    reply_days=4)

# --- Laholm -----------------------------------------------------------------------------------
org("laholm-traffpunkt-lagan", "Laholm", ["Laholm", "Veinge"], {
    "sv": "Träffpunkt Lagan", "en": "Lagan Meeting Point",
    "ar": "ملتقى لاغان", "fa": "پاتوق لاگان", "so": "Goobta kulanka Lagan",
    "ti": "ቦታ ርክብ ላጋን", "uk": "Місце зустрічей «Лаган»",
}, {
    "sv": "En träffpunkt vid Lagan i Laholm med öppet hus flera dagar i veckan. Kom för en kopp kaffe och stanna så länge du vill.",
    "en": "A meeting point by the river Lagan in Laholm, with open house several days a week. Come for a cup of coffee and stay as long as you like.",
    "ar": "ملتقى على ضفاف نهر لاغان في لاهولم، أبوابه مفتوحة عدة أيام في الأسبوع. تعال لشرب فنجان قهوة وابقَ قدر ما تشاء.",
    "fa": "پاتوقی کنار رود لاگان در لاهولم که چند روز در هفته درش باز است. برای یک فنجان قهوه بیایید و هر قدر دوست دارید بمانید.",
    "so": "Goob kulan oo ku taal webiga Lagan ee Laholm, albaabkeeduna furan yahay dhowr maalmood toddobaadkii. Kaalay koob kafee ah, oo joog inta aad doonayso.",
    "ti": "ኣብ ጥቓ ሩባ ላጋን ኣብ ላሆልም ዝርከብ፣ ኣብ ሰሙን ንብዙሕ መዓልታት ክፉት ቦታ ርክብ። ንጽዋእ ቡን ምጹ፣ ክሳብ ዝደለኹምዎ ድማ ጽንሑ።",
    "uk": "Місце зустрічей біля річки Лаган у Лаголмі, відкрите кілька днів на тиждень. Приходьте на чашку кави й залишайтеся, скільки захочете.",
}, [("Träffpunkt Lagan", "Lagan Meeting Point", "Lagavägen 14", None, ["room", "kitchen"], WHEEL_LOOP + ["quiet-space"]),
    ("Veinge bygdegård", "Veinge village hall", "Bygatan 3", "Veinge", ["room", "kitchen"], WHEEL)],
    ["open-meeting", "lunch", "soup", "board-games", "knitting", "language-cafe", "language-cafe@Veinge",
     "holiday-walk"],
    speaks=["en", "ar", "ti", "uk"], reply_days=2)

org("mellbystrand-strandvannerna", "Laholm", ["Mellbystrand"], {
    "sv": "Strandvännerna Mellbystrand", "en": "The Mellbystrand Beach Friends",
}, {
    "sv": "Tolv kilometer sandstrand är vår träningslokal. Vi går, springer, badar och städar stranden tillsammans.",
    "en": "Twelve kilometres of sandy beach is our gym. We walk, run, swim and clean the beach together.",
}, [("Strandvännernas bod", "The Beach Friends' hut", "Strandvägen 66", None, ["room"], [])],
    ["beach-walk", "beach-cleanup", "winter-swim", "yoga", "running", "birdwatching"],
    speaks=["en"], reply_days=7, phone=False)

org("laholm-lerkrukan", "Laholm", ["Laholm"], {
    "sv": "Konst- och hantverksföreningen Lerkrukan", "en": "The Clay Pot Art and Craft Society",
}, {
    "sv": "Lerkrukan samlar alla som vill skapa: keramik, akvarell, foto och julpyssel. Vi har egen brännugn.",
    "en": "The Clay Pot gathers everyone who wants to create: pottery, watercolour, photography and Christmas crafts. We have our own kiln.",
}, [("Lerkrukans verkstad", "The Clay Pot workshop", "Krukmakaregatan 6", None, ["room"], ["wheelchair"])],
    ["pottery", "watercolour", "art-talk", "xmas-crafts", "photo-walk", "museum"],
    speaks=["en"], reply_days=6)

org("knared-bygdegemenskap", "Laholm", ["Knäred"], {
    "sv": "Knäreds Bygdegemenskap", "en": "Knäred Village Community",
}, {
    "sv": "Vi samlas i bygdegården för lunch, kortspel och berättelser, och går ut i skogen när vädret är fint.",
    "en": "We gather in the village hall for lunch, card games and stories, and head into the forest when the weather is fine.",
}, [("Knäreds bygdegård", "Knäred village hall", "Kvarnbygatan 10", None, ["room", "kitchen"], WHEEL)],
    ["local-history", "card-games", "lunch", "woodwork", "nature-walk", "winter-bonfire"],
    reply_days=7)

org("laholm-kvinnor-tillsammans", "Laholm", ["Laholm", "Mellbystrand"], {
    "sv": "Kvinnor tillsammans Laholm", "en": "Women Together Laholm",
    "ar": "نساء معاً في لاهولم", "fa": "زنان با هم لاهولم", "so": "Haween wadajir ah – Laholm",
    "ti": "ደቂ ኣንስትዮ ብሓባር ላሆልም", "uk": "Жінки разом Лаголм",
}, {
    "sv": "En förening av och för kvinnor med olika bakgrund. Vi tränar, lagar mat, syr och pratar – och stöttar varandra.",
    "en": "An association by and for women of different backgrounds. We exercise, cook, sew and talk – and support one another.",
    "ar": "جمعية من النساء وللنساء من خلفيات مختلفة. نمارس الرياضة ونطبخ ونخيط ونتحدث – ونساند بعضنا بعضاً.",
    "fa": "انجمنی از زنان و برای زنان با پیشینه‌های گوناگون. ورزش می‌کنیم، آشپزی می‌کنیم، خیاطی می‌کنیم و گپ می‌زنیم – و پشت هم هستیم.",
    "so": "Urur ay haween asal kala duwan leh u sameeyeen haweenka. Waan jimicsannaa, cunto karinnaa, tollaa oo sheekeysannaa – waana is-taageernaa.",
    "ti": "ብደቂ ኣንስትዮ ዝተፈላለየ ድሕረ-ባይታ ዝቖመ ንደቂ ኣንስትዮ ዝኸውን ማሕበር። ንለማመድ፣ ንኸሽን፣ ንሰፍን ንዘራረብን – ንሓድሕድና ድማ ንደጋገፍ።",
    "uk": "Об’єднання жінок різного походження – для жінок. Ми тренуємося, готуємо, шиємо й розмовляємо – і підтримуємо одна одну.",
}, [("Kvinnohuset", "The Women's House", "Humlegårdsgatan 4", None, ["room", "kitchen"], WHEEL + ["quiet-space"]),
    ("Mellby föreningslokal", "Mellby community room", "Sandtorpsvägen 2", "Mellbystrand", ["room", "kitchen"], WHEEL)],
    ["women-cafe", "women-exercise", "cook-together", "mending", "language-cafe", "walk", "women-cafe@Mellbystrand"],
    speaks=["en", "ar", "fa", "so", "ti"], reply_days=2)

# --- Hylte ------------------------------------------------------------------------------------
org("hyltebruk-foreningshuset-bruket", "Hylte", ["Hyltebruk"], {
    "sv": "Föreningshuset Bruket", "en": "The Mill Community House",
    "ar": "دار الجمعيات «المصنع»", "fa": "خانهٔ انجمن‌ها «کارخانه»", "so": "Xarunta ururrada «Bruket»",
    "ti": "ገዛ ማሕበራት «ብሩከት»", "uk": "Дім об’єднань «Брукет»",
}, {
    "sv": "Ett föreningshus i Hyltebruk där flera små föreningar delar lokaler, kök och en stor gräsmatta. Här händer något nästan varje dag.",
    "en": "A community house in Hyltebruk where several small associations share rooms, a kitchen and a big lawn. Something happens here almost every day.",
    "ar": "دار للجمعيات في هيلتيبروك تتشارك فيها عدة جمعيات صغيرة القاعات والمطبخ ومرجاً كبيراً. يحدث هنا شيء ما كل يوم تقريباً.",
    "fa": "خانه‌ای در هیلته‌بروک که چند انجمن کوچک در آن سالن‌ها، آشپزخانه و یک چمن بزرگ را با هم شریک‌اند. اینجا تقریباً هر روز خبری هست.",
    "so": "Xarun ku taal Hyltebruk oo dhowr urur oo yaryar ay wadaagaan qolalka, jikada iyo caws weyn. Halkan wax ayaa dhaca ku dhawaad maalin kasta.",
    "ti": "ብዙሓት ንኣሽቱ ማሕበራት ክፍልታት፣ ክሽነን ዓቢ መሮርን ዝካፈልሉ ኣብ ሂልተብሩክ ዘሎ ገዛ ማሕበራት። ኣብዚ ዳርጋ ኩሉ መዓልቲ ገለ ነገር ይኸውን።",
    "uk": "Дім у Гюльтебруку, де кілька невеликих об’єднань спільно користуються приміщеннями, кухнею й великим газоном. Тут майже щодня щось відбувається.",
}, [("Bruket, stora salen", "Bruket, the main hall", "Pappersvägen 10", None, ["room", "kitchen"], WHEEL_LOOP + ["quiet-space"])],
    ["open-meeting", "language-cafe", "cook-together", "football", "film", "board-games", "sign-cafe", "christmas-eve"],
    speaks=["en", "ar", "so", "ti"], reply_days=3)

org("torup-skog-och-sjo", "Hylte", ["Torup", "Unnaryd"], {
    "sv": "Skog och Sjö Torup", "en": "Forest and Lake Torup",
}, {
    "sv": "Hyltes skogar och sjöar är fulla av tystnad. Vi går, eldar och tittar på stjärnor, i lugnt tempo och i gott sällskap.",
    "en": "Hylte's forests and lakes are full of silence. We walk, make fires and look at the stars, at a calm pace and in good company.",
}, [("Sjöstugan", "The lake cabin", "Sjövägen 9", None, ["room", "kitchen"], [])],
    ["nature-walk", "forest-bathing", "winter-bonfire", "birdwatching@Unnaryd", "stargazing", "walk", "nature-walk@Unnaryd", "holiday-walk"],
    speaks=["en"], reply_days=7)

org("hylte-musik-och-dans", "Hylte", ["Hyltebruk", "Torup"], {
    "sv": "Musik och dans i Hylte", "en": "Music and Dance in Hylte",
}, {
    "sv": "Vi sjunger, spelar och dansar – från folkmusik till pop. Alla får vara med, oavsett takt och ton.",
    "en": "We sing, play and dance – from folk music to pop. Everyone can join in, whatever their rhythm or pitch.",
}, [("Musiksalen på Örnaskolan", "The music room at Örnaskolan", "Bruksgatan 25", None, ["room"], WHEEL_LOOP),
    ("Torups folkets hus", "Torup community house", "Stationsgatan 4", "Torup", ["room", "kitchen"], WHEEL)],
    ["open-choir", "dance", "jam", "ukulele", "sing-along", "dance@Torup"],
    speaks=["en"], reply_days=5)

org("hylte-bok-och-tappa", "Hylte", ["Hyltebruk", "Unnaryd"], {
    "sv": "Bok och Täppa Hylte", "en": "Books and Garden Patch Hylte",
}, {
    "sv": "Vi läser tillsammans på biblioteken och odlar på en täppa bakom Bruket. Böcker och blommor – två sätt att må bra.",
    "en": "We read together at the libraries and grow things on a patch behind Bruket. Books and flowers – two ways to feel good.",
}, [("Täppan bakom Bruket", "The garden patch behind Bruket", "Pappersvägen 12", None, ["garden"], ["wheelchair"])],
    ["reading-circle", "easy-reading", "community-garden", "sowing", "book-swap", "greenhouse", "read-aloud@Unnaryd"],
    speaks=["en", "ar"], reply_days=6)

# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------

DEFAULT_INTERESTS = ["outdoors", "music", "crafts", "talk", "language-cafe", "cooking", "games", "sport",
                     "culture", "volunteering", "books", "gardening"]
ACCESSIBILITY = ["wheelchair", "hearing-loop", "accessible-toilet", "quiet-space", "sign-language"]
AUDIENCE = ["everyone", "adults", "youth", "seniors", "women", "men", "newcomers", "parents", "lgbtq"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

# The association year: weekly rules start in late summer and run to the summer holidays.
YEAR_FROM = ["2026-08-15", "2026-08-17", "2026-08-24", "2026-08-31", "2026-09-01", "2026-09-07"]
YEAR_UNTIL = ["2027-06-30", "2027-06-27", "2027-06-20", "2027-06-13"]
AUTUMN_FROM = ["2026-08-17", "2026-08-24", "2026-08-31"]
AUTUMN_UNTIL = ["2026-12-13", "2026-12-17", "2026-12-18"]
SPRING_FROM = ["2027-01-11", "2027-01-12", "2027-01-18"]
SPRING_UNTIL = ["2027-06-04", "2027-06-10", "2027-06-13"]
CHRISTMAS_BREAK = (dt.date(2026, 12, 21), dt.date(2027, 1, 6))
RED_DAYS = [dt.date(2026, 12, 24), dt.date(2026, 12, 25), dt.date(2026, 12, 26), dt.date(2026, 12, 31),
            dt.date(2027, 1, 1), dt.date(2027, 1, 6)]
EXTRA_WINDOW = (dt.date(2026, 11, 21), dt.date(2027, 3, 31))
SICK_WINDOW = (dt.date(2027, 1, 15), dt.date(2027, 3, 31))


def d(text):
    return dt.date.fromisoformat(text)


def minutes(hhmm):
    return int(hhmm[:2]) * 60 + int(hhmm[3:])


def hhmm(total):
    total %= 24 * 60
    return f"{total // 60:02d}:{total % 60:02d}"


def slug(text):
    text = text.lower()
    for a, b in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), ("ü", "u")):
        text = text.replace(a, b)
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text)).strip("-")


def pick(mapping, langs):
    return {lang: mapping[lang] for lang in LANGS if lang in langs and lang in mapping}


def join(parts, langs):
    return {lang: " ".join(part[lang] for part in parts) for lang in LANGS if lang in langs}


def days_between(first, last):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def rule_occurs(rule, day):
    """True when a weekly rule has an occurrence on `day` (every_weeks counts from the week of from)."""
    start, end = d(rule["from"]), d(rule["until"])
    if not (start <= day <= end) or day.isoweekday() != WEEKDAYS.index(rule["day"]) + 1:
        return False
    monday_from = start - dt.timedelta(days=start.weekday())
    monday_day = day - dt.timedelta(days=day.weekday())
    return ((monday_day - monday_from).days // 7) % rule.get("every_weeks", 1) == 0


# How to find a place (catalogue format 1.1, "how_to_find_us"): the entrance, the floor, the nearest
# stop, as an association would write it. Chosen by the kind of place its Swedish name says it is, so
# it needs no random draw (the rest of the catalogue stays as it was). In all seven languages; the
# five besides Swedish and English are written for the demo and listed for native review in
# docs/translations.md.
FIND_US = [
    (("biblioteket",), {
        "sv": "Gå in genom bibliotekets huvudentré. Mötesrummet ligger till vänster efter lånedisken; fråga personalen om du inte hittar. Buss till hållplatsen Centrum.",
        "en": "Go in through the library's main entrance. The meeting room is on the left past the loans desk; ask the staff if you cannot find it. Bus to the Centrum stop.",
        "ar": "ادخل من المدخل الرئيسي للمكتبة. غرفة الاجتماعات على اليسار بعد مكتب الإعارة؛ اسأل الموظفين إذا لم تجدها. الحافلة إلى محطة Centrum.",
        "fa": "از ورودی اصلی کتابخانه وارد شوید. اتاق جلسه بعد از میز امانت، سمت چپ است؛ اگر پیدایش نکردید از کارکنان بپرسید. با اتوبوس تا ایستگاه Centrum.",
        "so": "Ka gal albaabka weyn ee maktabadda. Qolka shirku wuxuu ku yaal bidixda, miiska amaahda ka dib; weydii shaqaalaha haddii aadan helin. Bas ku raac ilaa joogsiga Centrum.",
        "ti": "ብቐንዲ መእተዊ ቤተ-መጻሕፍቲ እቶ። እቲ ክፍሊ ኣኼባ ድሕሪ መለቓሕ መጻሕፍቲ ጠረጴዛ ኣብ ጸጋም እዩ፤ እንተ ዘይረኺብካዮ ንሰራሕተኛታት ሕተት። ብኣውቶቡስ ክሳብ መዕረፊ Centrum።",
        "uk": "Заходьте через головний вхід бібліотеки. Кімната для зустрічей ліворуч за стійкою видачі; якщо не знайдете, запитайте працівників. Автобусом до зупинки Centrum."}),
    (("idrottshallen",), {
        "sv": "Ingången ligger på skolans baksida, vid parkeringen. Omklädningsrummen finns innanför dörren.",
        "en": "The entrance is at the back of the school, by the car park. The changing rooms are just inside the door.",
        "ar": "المدخل في الجهة الخلفية من المدرسة، بجانب موقف السيارات. غرف تبديل الملابس بعد الباب مباشرة.",
        "fa": "ورودی پشت مدرسه، کنار پارکینگ است. رختکن‌ها درست بعد از در هستند.",
        "so": "Albaabku wuxuu ku yaal dhabarka dugsiga, agagaarka baarkinka. Qolalka dharka lagu beddesho waxay ku yaalaan gudaha albaabka.",
        "ti": "እቲ መእተዊ ኣብ ድሕሪት ቤት ትምህርቲ፣ ኣብ ጥቓ መዕረፊ መካይን እዩ። ክዳን ዝቕየረሉ ክፍልታት ኣብ ውሽጢ ማዕጾ ኣለዉ።",
        "uk": "Вхід із тильного боку школи, біля парковки. Роздягальні одразу за дверима."}),
    (("konstgräsplanen",), {
        "sv": "Planen ligger bakom skolan: ta grusvägen från parkeringen. Vi samlas vid målet närmast vägen.",
        "en": "The pitch is behind the school: take the gravel path from the car park. We gather by the goal nearest the road.",
        "ar": "الملعب خلف المدرسة: اسلك الطريق الحصوي من موقف السيارات. نتجمع عند المرمى الأقرب إلى الطريق.",
        "fa": "زمین پشت مدرسه است: از پارکینگ مسیر شنی را بگیرید. کنار دروازه‌ای که به جاده نزدیک‌تر است جمع می‌شویم.",
        "so": "Garoonku wuxuu ka dambeeyaa dugsiga: ka qaad jidka quruuruxda baarkinka. Waxaan isugu nimaadnaa goolka ugu dhow waddada.",
        "ti": "እቲ ሜዳ ድሕሪ ቤት ትምህርቲ እዩ፦ ካብ መዕረፊ መካይን ነቲ ናይ ጠጠር መገዲ ሓዝ። ኣብቲ ናብ ጽርግያ ዝቐረበ ጎል ንእከብ።",
        "uk": "Поле за школою: від парковки йдіть гравійною доріжкою. Збираємося біля воріт, найближчих до дороги."}),
    (("simhallen",), {
        "sv": "Huvudentrén vetter mot gatan. Säg i kassan vilken grupp du ska till, så visar de vägen.",
        "en": "The main entrance faces the street. Tell the desk which group you are joining and they will show you the way.",
        "ar": "المدخل الرئيسي مقابل الشارع. أخبر موظف الاستقبال بالمجموعة التي ستنضم إليها وسيدلّك على الطريق.",
        "fa": "ورودی اصلی رو به خیابان است. به پذیرش بگویید به کدام گروه می‌روید تا راه را نشانتان دهند.",
        "so": "Albaabka weyn wuxuu u jeedaa waddada. U sheeg miiska soo dhaweynta kooxda aad ku biirayso, waxayna ku tusi doonaan jidka.",
        "ti": "እቲ ቀንዲ መእተዊ ናብ ጽርግያ ዝጥምት እዩ። ኣብ መቐበሊ ኣየናይ ጉጅለ ከም እትኸይድ ንገሮም፣ መገዲ ከርእዩኻ እዮም።",
        "uk": "Головний вхід виходить на вулицю. Скажіть на рецепції, до якої групи ви йдете, і вам покажуть дорогу."}),
    (("odling", "täppan", "frökapseln", "trädgård"), {
        "sv": "Gå in genom grinden vid redskapsboden. Vi brukar vara vid de upphöjda bäddarna; stövlar är bra när det regnat.",
        "en": "Go in through the gate by the tool shed. We are usually at the raised beds; boots help after rain.",
        "ar": "ادخل من البوابة بجانب كوخ الأدوات. نكون عادةً عند الأحواض المرتفعة؛ الأحذية الطويلة مفيدة بعد المطر.",
        "fa": "از دروازهٔ کنار انبار ابزار وارد شوید. معمولاً کنار باغچه‌های بلند هستیم؛ بعد از باران چکمه به کار می‌آید.",
        "so": "Ka gal iridda ku ag taal aqalka qalabka. Badanaa waxaan joognaa beeraha la kor u qaaday; kabaha dhaadheer ayaa fiican roobka kadib.",
        "ti": "ብቲ ኣብ ጥቓ መኽዘን መሳርሒ ዘሎ ኣፍ-ደገ እቶ። መብዛሕትኡ ግዜ ኣብቶም ልዑላት መሕረሲ ኢና ንርከብ፤ ድሕሪ ዝናብ ቡትስ ይሕግዝ።",
        "uk": "Заходьте через хвіртку біля сарая з інструментами. Зазвичай ми біля піднятих грядок; після дощу знадобляться гумові чоботи."}),
    (("samling vid",), {
        "sv": "Vi samlas vid informationstavlan. Titta efter någon med en gul väst: det är vi.",
        "en": "We gather by the information board. Look for someone in a yellow vest: that is us.",
        "ar": "نتجمع عند لوحة المعلومات. ابحث عن شخص يرتدي سترة صفراء: هذا نحن.",
        "fa": "کنار تابلوی اطلاعات جمع می‌شویم. دنبال کسی با جلیقهٔ زرد بگردید: ما هستیم.",
        "so": "Waxaan isugu nimaadnaa looxa macluumaadka. Raadi qof xiran jaakad jaalle ah: annaga weeye.",
        "ti": "ኣብ ጥቓ ሰሌዳ ሓበሬታ ንእከብ። ብጫ ጅለ ዝለበሰ ሰብ ድለ፦ ንሕና ኢና።",
        "uk": "Збираємося біля інформаційного стенду. Шукайте людину в жовтому жилеті: це ми."}),
    (("bastuflotten",), {
        "sv": "Flotten ligger vid bryggans yttersta del. Omklädning i stugan vid stranden.",
        "en": "The raft is at the far end of the jetty. Change in the cabin by the beach.",
        "ar": "الطوف في الطرف البعيد من الرصيف الخشبي. بدّل ملابسك في الكوخ بجانب الشاطئ.",
        "fa": "سکوی شناور در انتهای اسکله است. در کلبهٔ کنار ساحل لباس عوض کنید.",
        "so": "Sabbaynta sawnadu waxay ku taal dhammaadka fog ee buundada. Dharka ku beddel aqalka xeebta agtiisa.",
        "ti": "እቲ ዝንሳፈፍ መድረኽ ኣብ መወዳእታ እቲ መዕረፊ ጃልባ እዩ። ኣብታ ኣብ ጥቓ ገምገም ዘላ ንእሽቶ ገዛ ክዳንካ ቀይር።",
        "uk": "Пліт-сауна в дальньому кінці причалу. Переодягнутися можна в будиночку біля пляжу."}),
    (("kök", "köket"), {
        "sv": "Ingång från gården, dörren med vår skylt. Köket ligger på bottenvåningen, rakt fram.",
        "en": "Enter from the courtyard, the door with our sign. The kitchen is on the ground floor, straight ahead.",
        "ar": "ادخل من الفناء، من الباب الذي عليه لافتتنا. المطبخ في الطابق الأرضي، أمامك مباشرة.",
        "fa": "از حیاط وارد شوید، دری که تابلوی ما رویش است. آشپزخانه در طبقهٔ همکف، روبه‌روی شماست.",
        "so": "Ka gal barxadda, albaabka calaamaddayada leh. Jikadu waxay ku taal dabaqa hoose, toos hore.",
        "ti": "ካብ ቀጽሪ እቶ፣ እቲ ምልክትና ዘለዎ ማዕጾ። እቲ ክሽነ ኣብ ታሕተዋይ ደርቢ፣ ቀጥታ ንቕድሚት እዩ።",
        "uk": "Вхід із двору, двері з нашою вивіскою. Кухня на першому поверсі, прямо."}),
    (("verkstad", "ateljé", "butik", "återbruket", "chansen"), {
        "sv": "Ingång från gatan, dörren bredvid skyltfönstret. Ring på klockan om dörren är stängd.",
        "en": "Enter from the street, the door beside the shop window. Ring the bell if the door is closed.",
        "ar": "ادخل من الشارع، من الباب المجاور لواجهة المحل. اضغط الجرس إذا كان الباب مغلقًا.",
        "fa": "از خیابان وارد شوید، دری که کنار ویترین است. اگر در بسته بود زنگ بزنید.",
        "so": "Ka gal waddada, albaabka ku ag yaal daaqadda dukaanka. Garaac dawanka haddii albaabku xiran yahay.",
        "ti": "ካብ ጽርግያ እቶ፣ እቲ ኣብ ጥቓ መርኣዪ መስኮት ድኳን ዘሎ ማዕጾ። ማዕጾ እንተ ተዓጽዩ ደወል ድወል።",
        "uk": "Вхід з вулиці, двері поруч із вітриною. Якщо двері зачинені, подзвоніть у дзвінок."}),
    (("bygdegård", "bygdestuga", "församling", "stationshuset", "kvarnen"), {
        "sv": "Stora ingången vetter mot vägen och parkeringen ligger på baksidan. Vi är i salen till höger.",
        "en": "The main door faces the road and the car park is at the back. We are in the hall on the right.",
        "ar": "الباب الرئيسي مقابل الطريق وموقف السيارات في الخلف. نحن في القاعة على اليمين.",
        "fa": "در اصلی رو به جاده است و پارکینگ پشت ساختمان. ما در سالن سمت راست هستیم.",
        "so": "Albaabka weyn wuxuu u jeedaa waddada, baarkinkuna wuxuu ku yaal gadaasha. Waxaan joognaa hoolka midigta.",
        "ti": "እቲ ቀንዲ ማዕጾ ናብ ጽርግያ ይጥምት፣ መዕረፊ መካይን ድማ ኣብ ድሕሪት እዩ። ንሕና ኣብቲ ኣብ የማን ዘሎ ኣዳራሽ ኢና።",
        "uk": "Головні двері виходять на дорогу, парковка позаду. Ми в залі праворуч."}),
    (("skolan", "musiksalen", "kulturhuset", "scen", "replokal", "musikhuset"), {
        "sv": "Gå in genom entrén mot gatan och följ skyltarna. Salen ligger en trappa upp; hiss finns till vänster.",
        "en": "Go in through the entrance on the street and follow the signs. The room is one floor up; there is a lift on the left.",
        "ar": "ادخل من المدخل المطل على الشارع واتبع اللافتات. القاعة في الطابق الأول؛ يوجد مصعد على اليسار.",
        "fa": "از ورودی سمت خیابان وارد شوید و تابلوها را دنبال کنید. سالن یک طبقه بالاتر است؛ آسانسور سمت چپ است.",
        "so": "Ka gal albaabka waddada u jeeda oo raac calaamadaha. Qolku wuxuu ku yaal hal dabaq oo kor ah; wiish ayaa bidixda ku yaal.",
        "ti": "ብቲ ናብ ጽርግያ ዘሎ መእተዊ እቶ፣ ምልክታት ድማ ስዓብ። እቲ ክፍሊ ሓደ ደርቢ ንላዕሊ እዩ፤ ኣብ ጸጋም ሊፍት ኣሎ።",
        "uk": "Заходьте через вхід з вулиці та йдіть за вказівниками. Зала на поверх вище; ліворуч є ліфт."}),
]
FIND_US_DEFAULT = {
    "sv": "Ingång från gatan, dörren med vår skylt. Vi finns på bottenvåningen; knacka på om dörren är stängd.",
    "en": "Enter from the street, the door with our sign. We are on the ground floor; knock if the door is closed.",
    "ar": "ادخل من الشارع، من الباب الذي عليه لافتتنا. نحن في الطابق الأرضي؛ اطرق الباب إذا كان مغلقًا.",
    "fa": "از خیابان وارد شوید، دری که تابلوی ما رویش است. ما در طبقهٔ همکف هستیم؛ اگر در بسته بود در بزنید.",
    "so": "Ka gal waddada, albaabka calaamaddayada leh. Waxaan joognaa dabaqa hoose; garaac albaabka haddii uu xiran yahay.",
    "ti": "ካብ ጽርግያ እቶ፣ እቲ ምልክትና ዘለዎ ማዕጾ። ንሕና ኣብ ታሕተዋይ ደርቢ ኢና፤ ማዕጾ እንተ ተዓጽዩ ኳሕኳሕ በሉ።",
    "uk": "Вхід з вулиці, двері з нашою вивіскою. Ми на першому поверсі; якщо двері зачинені, постукайте."}


def last_checked(activity_id):
    """When the association last checked the listing (format 1.4): 1 to 200 days before publication,
    spread by the id's bytes rather than drawn from the generator, whose sequence stays as it was."""
    published = dt.date.fromisoformat(PUBLISHED[:10])
    return (published - dt.timedelta(days=1 + sum(activity_id.encode()) % 200)).isoformat()


def how_to_find_us(name_sv):
    lowered = name_sv.lower()
    for words, text in FIND_US:
        if any(word in lowered for word in words):
            return dict(text)
    return dict(FIND_US_DEFAULT)


class Generator:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.place_cache = {}
        self.outdoor_turn = {}

    # --- places -------------------------------------------------------------------------------
    def place(self, name_sv, name_en, address, town, access):
        key = (name_sv, address, town)
        if key not in self.place_cache:
            info = TOWNS[town]
            place = {"name": {"sv": name_sv, "en": name_en}, "address": address, "town": town}
            if self.rng.random() < 0.92:
                place["lat"] = round(info["lat"] + self.rng.uniform(-0.008, 0.008), 4)
                place["lon"] = round(info["lon"] + self.rng.uniform(-0.012, 0.012), 4)
            place["how_to_find_us"] = how_to_find_us(name_sv)  # after lat/lon: draws nothing from rng
            self.place_cache[key] = (place, [a for a in ACCESSIBILITY if a in access])
        place, access = self.place_cache[key]
        return json.loads(json.dumps(place)), list(access)

    def house_number(self, *parts):
        return 1 + sum(ord(c) for c in "".join(parts)) % 38

    def public_place(self, kind, town):
        info = TOWNS[town]
        streets, school = info["streets"], info["school"]
        if kind in ("library", "room", "kitchen", "shop"):
            main = town in MUNICIPALITY_AREA_CODES
            sv = "Stadsbiblioteket, mötesrummet" if main else f"Biblioteket i {town}, mötesrummet"
            en = f"{town} city library, meeting room" if main else f"{town} library, meeting room"
            street = streets[0]
            return self.place(sv, en, f"{street} {self.house_number(town, 'lib')}", town, WHEEL_LOOP)
        if kind == "hall":
            return self.place(f"Idrottshallen vid {school}", f"Sports hall at {school}",
                              f"{streets[1]} {self.house_number(town, 'hall')}", town, WHEEL)
        if kind == "field":
            return self.place(f"Konstgräsplanen vid {school}", f"Artificial pitch at {school}",
                              f"{streets[1]} {self.house_number(town, 'field')}", town, [])
        if kind == "pool":
            assert info["pool"], f"no swimming hall in {town}"
            return self.place(f"Simhallen i {town}", f"{town} swimming hall",
                              f"{streets[-1]} {self.house_number(town, 'pool')}", town, WHEEL)
        if kind == "garden":
            return self.place(f"Odlingslotterna vid {streets[-1]}", f"Allotments on {streets[-1]}",
                              f"{streets[-1]} {self.house_number(town, 'garden')}", town, [])
        if kind in ("outdoor", "beach"):
            spots = (info["beach"] or info["outdoor"]) if kind == "beach" else (info["outdoor"] or info["beach"])
            if not spots:
                return self.public_place("library", town)
            turn = self.outdoor_turn.get((town, kind), 0)
            self.outdoor_turn[(town, kind)] = turn + 1
            sv, en, address = spots[turn % len(spots)]
            return self.place(sv, en, address, town, [])
        raise ValueError(kind)

    def pick_place(self, org, kind, town):
        if kind in ("room", "kitchen", "garden", "shop"):
            wanted = [kind]
            for venue in org["venues"]:
                vtown = venue[3] or org["towns"][0]
                if vtown == town and any(k in venue[4] for k in wanted):
                    return self.place(venue[0], venue[1], venue[2], vtown, venue[5])
            if kind in ("kitchen", "shop"):  # else the association's own room
                for venue in org["venues"]:
                    if (venue[3] or org["towns"][0]) == town and "room" in venue[4]:
                        return self.place(venue[0], venue[1], venue[2], town, venue[5])
        return self.public_place(kind, town)

    # --- schedules ----------------------------------------------------------------------------
    def time_slot(self, tpl):
        slot = self.rng.choice(tpl["when"])
        days, starts = SLOTS[slot]
        return days, self.rng.choice(starts)

    def rule(self, day, start, tpl, first, last, every=1):
        rule = {"day": WEEKDAYS[day - 1], "start": start, "end": hhmm(minutes(start) + tpl["minutes"]),
                "from": first, "until": last}
        if every != 1:
            rule["every_weeks"] = every
        return rule

    def weekly(self, tpl):
        rng = self.rng
        days, start = self.time_slot(tpl)
        day = rng.choice(days)
        shape = rng.random()
        if tpl["rules"] == 2 or shape > 0.86:
            other = rng.choice([x for x in days if x != day] or [x for x in range(1, 8) if x != day])
            first, last = rng.choice(YEAR_FROM), rng.choice(YEAR_UNTIL)
            rules = [self.rule(x, start, tpl, first, last) for x in sorted([day, other])]
        elif shape > 0.68:
            rules = [self.rule(day, start, tpl, rng.choice(AUTUMN_FROM), rng.choice(AUTUMN_UNTIL)),
                     self.rule(day, start, tpl, rng.choice(SPRING_FROM), rng.choice(SPRING_UNTIL))]
        else:
            every = 2 if rng.random() < 0.2 else 1
            rules = [self.rule(day, start, tpl, rng.choice(YEAR_FROM), rng.choice(YEAR_UNTIL), every)]

        def occurrences(first, last):
            return [x for x in days_between(first, last) if any(rule_occurs(r, x) for r in rules)]

        cancelled = set()
        # Most associations pause over Christmas or at least on the red days; walks, swims and the
        # open meeting places keep going, because the holidays are when loneliness bites hardest.
        keeps_going = "outdoors" in tpl["interests"] or tpl["key"] in ("open-meeting", "soup", "board-games")
        policy = rng.random()
        if policy < (0.2 if keeps_going else 0.35):
            cancelled.update(occurrences(*CHRISTMAS_BREAK))
        elif not keeps_going and policy < 0.85:
            cancelled.update(x for x in occurrences(*CHRISTMAS_BREAK) if x in RED_DAYS)
        elif not keeps_going:  # open on the red days but not on Christmas Eve and New Year's Eve
            cancelled.update(x for x in occurrences(*CHRISTMAS_BREAK) if x in RED_DAYS[0:1] + RED_DAYS[3:4])
        if rng.random() < 0.12:
            candidates = [x for x in occurrences(*SICK_WINDOW) if x not in cancelled]
            if candidates:
                cancelled.add(rng.choice(candidates))

        dates = []
        if rng.random() < 0.1:
            rule_days = {WEEKDAYS.index(r["day"]) + 1 for r in rules}
            candidates = [x for x in days_between(*EXTRA_WINDOW) if x.isoweekday() not in rule_days]
            extra = rng.choice(candidates)
            dates.append({"date": extra.isoformat(), "start": start, "end": hhmm(minutes(start) + tpl["minutes"])})

        schedule = {"weekly": rules}
        if dates:
            schedule["dates"] = dates
        if cancelled:
            schedule["cancelled"] = [x.isoformat() for x in sorted(cancelled)]
        return schedule

    def one_off(self, tpl):
        first, last, weekdays, (low, high), starts = tpl["dates"]
        candidates = [x for x in days_between(d(first), d(last)) if x.isoweekday() in weekdays]
        count = min(len(candidates), self.rng.randint(low, high))
        chosen = sorted(self.rng.sample(candidates, count))
        start = self.rng.choice(starts)
        return {"dates": [{"date": x.isoformat(), "start": start, "end": hhmm(minutes(start) + tpl["minutes"])}
                          for x in chosen]}

    # --- catalogue ----------------------------------------------------------------------------
    # Pictures drawn by make_demo_images.py: an activity's photo by its first interest, and the logos
    # of the first organisations (docs/catalogue.md, "Images").
    PICTURES = {"outdoors": "outdoors", "music": "music", "crafts": "crafts", "cooking": "cooking", "games": "games"}
    LOGOS = ("logo-leaf", "logo-rings", "logo-wave")
    # Medians from 3 hours to 4 days: shown as "within 3 hours" … "within 4 days" (days rounded up).
    MEASURED_MINUTES = (2150, 170, 1500, 4300, 610, 2880, 3700, 95, 5200)

    def organisation(self, index, org):
        langs = LANGS if "uk" in org["name"] else ["sv", "en"]
        contact = {}
        if org["phone"]:
            contact["phone"] = f"{MUNICIPALITY_AREA_CODES[org['mun']]}-000 00 {index + 1:02d}"
        contact["email"] = f"{org['id']}@example.org"
        contact["web"] = f"https://example.org/{org['id']}"
        organisation = {
            "id": org["id"],
            "name": pick(org["name"], langs),
            "description": pick(org["desc"], langs),
            "contact": contact,
            "municipality": org["mun"],
            "reply_days": org["reply_days"],
            "accepts_contact_requests": org["accepts"],
        }
        if index < len(self.LOGOS):
            organisation["logo"] = {"file": f"images/{self.LOGOS[index]}.png"}
        if org["accepts"]:
            # What a hub would publish after a season of contact requests (docs/catalogue.md, "Measured
            # reply time"); invented for the demo, from the index so the random stream is unchanged.
            organisation["measured_reply"] = {
                "median_minutes": self.MEASURED_MINUTES[index % len(self.MEASURED_MINUTES)],
                "requests": 5 + index % 9,
                "window_days": 90,
            }
        if org["id"] in NEEDS_OFFERS:
            needs, offers = NEEDS_OFFERS[org["id"]]
            organisation["needs"] = pick(needs, langs)
            organisation["offers"] = pick(offers, langs)
        return organisation

    def activity(self, org, entry, used_ids):
        rng = self.rng
        key, _, town = entry.partition("@")
        town = town or org["towns"][0]
        tpl = TEMPLATES[key]
        langs = LANGS if "uk" in tpl["title"] else ["sv", "en"]

        base = f"{org['id']}-{key}"
        activity_id = base if base not in used_ids else f"{base}-{slug(town)}"
        assert activity_id not in used_ids, activity_id
        used_ids.add(activity_id)

        drop_in = rng.random() < tpl["drop"]
        # A drop-in activity gets the kiosk's own "you can just come" line (detail_drop_in) above its
        # description, so only the others say something about signing up.
        parts = [tpl["text"]] if drop_in else [tpl["text"], PHRASES["sign_up"]]
        if tpl["no_exp"]:
            parts.append(PHRASES["no_experience"])
        if rng.random() < 0.3:
            parts.append(PHRASES["first_time"])

        schedule = self.one_off(tpl) if tpl["dates"] else self.weekly(tpl)
        place, access = self.pick_place(org, tpl["kind"], town)
        access = [a for a in ACCESSIBILITY if a in set(access) | set(tpl["access"])]

        cost_key = rng.choice(tpl["costs"])
        sek, note = COST_NOTES[cost_key]
        cost = {"sek": sek}
        if note:
            cost["note"] = pick(note, langs)

        spoken = {"sv"} | set(tpl["speaks"])
        if org["speaks"]:
            spoken.update(rng.sample(org["speaks"], min(len(org["speaks"]), rng.randint(0, 3))))
        languages = [lang for lang in LANGS if lang in spoken]

        activity = {
            "id": activity_id,
            "organisation": org["id"],
            "title": pick(tpl["title"], langs),
            "description": join(parts, langs),
            "interests": list(tpl["interests"]),
            "schedule": schedule,
            "place": place,
            "cost": cost,
            "languages": languages,
        }
        if access:
            activity["accessibility"] = access
        audience = None
        if tpl["aud"]:
            groups, low, high = tpl["aud"]
            audience = {"groups": list(groups)}
            if low is not None:
                audience["min_age"] = low
            if high is not None:
                audience["max_age"] = high
        elif rng.random() < 0.3:
            audience = {"groups": ["everyone"]}
        if audience:
            activity["audience"] = audience
        activity["drop_in"] = drop_in
        picture = self.PICTURES.get(tpl["interests"][0])
        if picture:
            activity["image"] = {"file": f"images/{picture}.png"}
        activity["last_checked"] = last_checked(activity["id"])
        return activity

    def catalogue(self):
        organisations, activities, used_ids = [], [], set()
        for index, org in enumerate(ORGS):
            organisations.append(self.organisation(index, org))
            for entry in org["acts"]:
                activities.append(self.activity(org, entry, used_ids))
        return {
            "format": "lotsen-catalogue",
            "format_version": 1,
            "format_minor": 5,  # 1.1: how_to_find_us; 1.2: logos and images; 1.3: measured replies; 1.4: last_checked;
            # 1.5: needs and offers
            "version": VERSION,
            "published": PUBLISHED,
            "organisations": organisations,
            "activities": activities,
        }


# ---------------------------------------------------------------------------------------------
# Validation against docs/catalogue.md, plus the demo's own promises (checked again in C++ by
# tests/unit/test_demo_catalogue.cpp).
# ---------------------------------------------------------------------------------------------

ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$")
PHONE_RE = re.compile(r"^[0-9 +\-]{1,30}$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def validate(catalogue):
    problems = []

    def text(where, value, limit):
        if not isinstance(value, dict) or not value:
            problems.append(f"{where}: not a text")
            return
        if "sv" not in value or "en" not in value:
            problems.append(f"{where}: needs sv and en")
        for lang, string in value.items():
            if not LANG_RE.match(lang):
                problems.append(f"{where}.{lang}: bad language code")
            if not string or len(string.encode()) > limit:
                problems.append(f"{where}.{lang}: empty or longer than {limit} bytes")
            if CONTROL_RE.search(string):
                problems.append(f"{where}.{lang}: control character")

    org_ids = set()
    for i, org in enumerate(catalogue["organisations"]):
        where = f"$.organisations[{i}]"
        if not ID_RE.match(org["id"]) or org["id"] in org_ids:
            problems.append(f"{where}.id: bad or repeated id {org['id']}")
        org_ids.add(org["id"])
        text(f"{where}.name", org["name"], 300)
        text(f"{where}.description", org["description"], 8000)
        for member in ("needs", "offers"):
            if member in org:
                text(f"{where}.{member}", org[member], 8000)
        contact = org["contact"]
        if "phone" in contact and (not PHONE_RE.match(contact["phone"]) or "000" not in contact["phone"]):
            problems.append(f"{where}.contact.phone: {contact['phone']}")
        if not contact["email"].endswith("@example.org") or contact["email"].count("@") != 1:
            problems.append(f"{where}.contact.email: {contact['email']}")
        if not contact["web"].startswith("https://example.org/"):
            problems.append(f"{where}.contact.web: {contact['web']}")
        if not 0 <= org["reply_days"] <= 60:
            problems.append(f"{where}.reply_days")

    activity_ids = set()
    for i, act in enumerate(catalogue["activities"]):
        where = f"$.activities[{i}]"
        if not ID_RE.match(act["id"]) or act["id"] in activity_ids:
            problems.append(f"{where}.id: bad or repeated id {act['id']}")
        activity_ids.add(act["id"])
        if act["organisation"] not in org_ids:
            problems.append(f"{where}.organisation: unknown {act['organisation']}")
        text(f"{where}.title", act["title"], 300)
        text(f"{where}.description", act["description"], 8000)
        interests = act["interests"]
        if not interests or len(set(interests)) != len(interests) or not set(interests) <= set(DEFAULT_INTERESTS):
            problems.append(f"{where}.interests: {interests}")
        schedule = act["schedule"]
        weekly, dates = schedule.get("weekly", []), schedule.get("dates", [])
        if not weekly and not dates:
            problems.append(f"{where}.schedule: no occurrence")
        for j, rule in enumerate(weekly):
            first, last = d(rule["from"]), d(rule["until"])
            if rule["day"] not in WEEKDAYS or first > last or (last - first).days > 3 * 366:
                problems.append(f"{where}.schedule.weekly[{j}]: {rule}")
            minutes(rule["start"]), minutes(rule["end"])
            if not 1 <= rule.get("every_weeks", 1) <= 8:
                problems.append(f"{where}.schedule.weekly[{j}].every_weeks")
        for j, single in enumerate(dates):
            day = d(single["date"])
            if any(rule_occurs(rule, day) and rule["start"] == single["start"] for rule in weekly):
                problems.append(f"{where}.schedule.dates[{j}]: repeats a weekly occurrence")
        for j, day in enumerate(schedule.get("cancelled", [])):
            d(day)
        for key in ("weekly", "dates", "cancelled"):
            if len(schedule.get(key, [])) > 50:
                problems.append(f"{where}.schedule.{key}: more than 50")
        place = act["place"]
        text(f"{where}.place.name", place["name"], 300)
        text(f"{where}.place.how_to_find_us", place["how_to_find_us"], 300)
        if not place["address"] or not place["town"] or place["town"] not in TOWNS:
            problems.append(f"{where}.place")
        if ("lat" in place) != ("lon" in place):
            problems.append(f"{where}.place: lat without lon")
        if "note" in act["cost"]:
            text(f"{where}.cost.note", act["cost"]["note"], 300)
        if not 0 <= act["cost"]["sek"] <= 100000:
            problems.append(f"{where}.cost.sek")
        languages = act["languages"]
        if len(set(languages)) != len(languages) or not all(LANG_RE.match(x) for x in languages):
            problems.append(f"{where}.languages")
        access = act.get("accessibility", [])
        if len(set(access)) != len(access) or not set(access) <= set(ACCESSIBILITY):
            problems.append(f"{where}.accessibility")
        audience = act.get("audience")
        if audience:
            if not set(audience["groups"]) <= set(AUDIENCE):
                problems.append(f"{where}.audience.groups")
            if audience.get("min_age", 0) > audience.get("max_age", 120):
                problems.append(f"{where}.audience: min_age > max_age")
    return problems


def daily_counts(catalogue):
    """Occurrences per day over the period the demo is shown."""
    counts = {}
    for day in days_between(FIRST_DAY_SHOWN, LAST_DAY_SHOWN):
        counts[day] = 0
    for act in catalogue["activities"]:
        schedule = act["schedule"]
        cancelled = set(schedule.get("cancelled", []))
        for day in counts:
            iso = day.isoformat()
            if iso in cancelled:
                continue
            if any(rule_occurs(rule, day) for rule in schedule.get("weekly", [])) or \
                    any(single["date"] == iso for single in schedule.get("dates", [])):
                counts[day] += 1
    return counts


def report(catalogue, out=sys.stderr):
    acts, orgs = catalogue["activities"], catalogue["organisations"]
    municipality = {o["id"]: o["municipality"] for o in orgs}
    print(f"organisations: {len(orgs)}, activities: {len(acts)}", file=out)
    for mun in MUNICIPALITY_AREA_CODES:
        print(f"  {mun}: {sum(1 for o in orgs if o['municipality'] == mun)} organisations, "
              f"{sum(1 for a in acts if municipality[a['organisation']] == mun)} activities", file=out)
    for lang in EXTRA_LANGS:
        a = sum(1 for x in acts if lang in x["title"] and lang in x["description"])
        o = sum(1 for x in orgs if lang in x["name"])
        print(f"  {lang}: {a}/{len(acts)} activities ({100 * a / len(acts):.0f} %), "
              f"{o}/{len(orgs)} organisations ({100 * o / len(orgs):.0f} %)", file=out)
    print(f"  free: {sum(1 for a in acts if a['cost']['sek'] == 0)}, drop-in: {sum(1 for a in acts if a['drop_in'])}, "
          f"with accessibility: {sum(1 for a in acts if a.get('accessibility'))}, "
          f"dates only: {sum(1 for a in acts if not a['schedule'].get('weekly'))}, "
          f"every other week: {sum(1 for a in acts if any(r.get('every_weeks') for r in a['schedule'].get('weekly', [])))}",
          file=out)
    counts = daily_counts(catalogue)
    quietest = min(counts, key=counts.get)
    print(f"  occurrences per day {FIRST_DAY_SHOWN}..{LAST_DAY_SHOWN}: min {counts[quietest]} ({quietest}), "
          f"max {max(counts.values())}", file=out)
    return counts


def main():
    catalogue = Generator().catalogue()
    problems = validate(catalogue)
    acts = catalogue["activities"]
    used = {i for a in acts for i in a["interests"]}
    if used != set(DEFAULT_INTERESTS):
        problems.append(f"interests not used: {sorted(set(DEFAULT_INTERESTS) - used)}")
    for lang in EXTRA_LANGS:
        if sum(1 for a in acts if lang in a["title"]) < 0.3 * len(acts):
            problems.append(f"fewer than 30 % of activities in {lang}")
        if sum(1 for o in catalogue["organisations"] if lang in o["name"]) < 0.3 * len(catalogue["organisations"]):
            problems.append(f"fewer than 30 % of organisations in {lang}")
    counts = report(catalogue)
    for day, count in counts.items():
        if count < (2 if day in RED_DAYS else 3):
            problems.append(f"only {count} activities on {day}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)

    text = json.dumps(catalogue, ensure_ascii=False, indent=1) + "\n"
    target = Path(__file__).with_name("catalogue.json")
    if "--check" in sys.argv[1:]:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{target} is out of date; run {Path(__file__).name}", file=sys.stderr)
            sys.exit(1)
        return
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({len(text.encode())} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
