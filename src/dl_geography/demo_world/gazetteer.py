"""A small gazetteer of research cities: the demo world's geographic facts.

Real countries (ISO 3166-1 alpha-2 and alpha-3 codes, Natural Earth admin-0 names), real
first-level regions and real city coordinates (GeoNames, CC BY 4.0, rounded to 4
decimals). Each country carries a weight, its rough share of the world's CS papers
around 2010, which concentrates activity as in the study (the USA about a third).
Regions are listed in each country in decreasing order of research activity.
"""

from functools import lru_cache

import pandas as pd

# iso2|iso3|Natural Earth admin-0 name|share of papers|language of local names
_COUNTRIES = """\
US|USA|United States of America|0.30|en
CN|CHN|China|0.12|zh
GB|GBR|United Kingdom|0.075|en
DE|DEU|Germany|0.06|de
FR|FRA|France|0.045|fr
CA|CAN|Canada|0.04|en
JP|JPN|Japan|0.035|ja
IN|IND|India|0.03|en
IT|ITA|Italy|0.03|it
ES|ESP|Spain|0.02|es
AU|AUS|Australia|0.02|en
NL|NLD|Netherlands|0.015|nl
CH|CHE|Switzerland|0.02|de
KR|KOR|South Korea|0.02|ko
BR|BRA|Brazil|0.012|pt
RU|RUS|Russia|0.01|ru
IL|ISR|Israel|0.012|he
SG|SGP|Singapore|0.01|en
SE|SWE|Sweden|0.01|sv
BE|BEL|Belgium|0.008|fr
AT|AUT|Austria|0.006|de
PL|POL|Poland|0.006|pl
IR|IRN|Iran|0.006|fa
TR|TUR|Turkey|0.005|tr
TW|TWN|Taiwan|0.008|zh
HK|HKG|Hong Kong S.A.R.|0.008|zh
DK|DNK|Denmark|0.005|da
FI|FIN|Finland|0.005|fi
NO|NOR|Norway|0.004|no
IE|IRL|Ireland|0.004|en
PT|PRT|Portugal|0.004|pt
GR|GRC|Greece|0.004|el
CZ|CZE|Czechia|0.003|cs
MX|MEX|Mexico|0.004|es
CL|CHL|Chile|0.003|es
AR|ARG|Argentina|0.003|es
ZA|ZAF|South Africa|0.003|en
EG|EGY|Egypt|0.002|ar
SA|SAU|Saudi Arabia|0.003|ar
AE|ARE|United Arab Emirates|0.002|ar
PK|PAK|Pakistan|0.002|en
MY|MYS|Malaysia|0.003|ms
NZ|NZL|New Zealand|0.003|en
HU|HUN|Hungary|0.002|hu
"""

# iso2|region (admin-1)|city (English/ASCII)|city (local spelling)|latitude|longitude
_CITIES = """\
US|California|Palo Alto|Palo Alto|37.4419|-122.1430
US|California|Berkeley|Berkeley|37.8716|-122.2728
US|California|Los Angeles|Los Angeles|34.0522|-118.2437
US|California|San Diego|San Diego|32.7153|-117.1573
US|California|Mountain View|Mountain View|37.3861|-122.0839
US|California|Irvine|Irvine|33.6695|-117.8231
US|Massachusetts|Boston|Boston|42.3584|-71.0598
US|Massachusetts|Cambridge|Cambridge|42.3751|-71.1056
US|Massachusetts|Amherst|Amherst|42.3732|-72.5199
US|New York|New York City|New York City|40.7143|-74.0060
US|New York|Ithaca|Ithaca|42.4406|-76.4966
US|New York|Rochester|Rochester|43.1548|-77.6156
US|New York|Buffalo|Buffalo|42.8865|-78.8784
US|Pennsylvania|Pittsburgh|Pittsburgh|40.4406|-79.9959
US|Pennsylvania|Philadelphia|Philadelphia|39.9523|-75.1638
US|Pennsylvania|State College|State College|40.7934|-77.8600
US|Illinois|Chicago|Chicago|41.8500|-87.6500
US|Illinois|Urbana|Urbana|40.1106|-88.2073
US|Illinois|Evanston|Evanston|42.0411|-87.6901
US|Texas|Austin|Austin|30.2672|-97.7431
US|Texas|Houston|Houston|29.7633|-95.3633
US|Texas|Dallas|Dallas|32.7831|-96.8067
US|Texas|College Station|College Station|30.6280|-96.3344
US|Washington|Seattle|Seattle|47.6062|-122.3321
US|Washington|Redmond|Redmond|47.6740|-122.1215
US|Georgia|Atlanta|Atlanta|33.7490|-84.3880
US|Maryland|College Park|College Park|38.9807|-76.9369
US|Maryland|Baltimore|Baltimore|39.2904|-76.6122
US|Michigan|Ann Arbor|Ann Arbor|42.2776|-83.7409
US|Michigan|Detroit|Detroit|42.3314|-83.0457
US|New Jersey|Princeton|Princeton|40.3487|-74.6590
US|New Jersey|Newark|Newark|40.7357|-74.1724
US|North Carolina|Durham|Durham|35.9940|-78.8986
US|North Carolina|Chapel Hill|Chapel Hill|35.9132|-79.0558
US|North Carolina|Raleigh|Raleigh|35.7721|-78.6386
US|Virginia|Charlottesville|Charlottesville|38.0293|-78.4767
US|Virginia|Blacksburg|Blacksburg|37.2296|-80.4139
US|Virginia|Fairfax|Fairfax|38.8462|-77.3064
US|District of Columbia|Washington|Washington|38.8951|-77.0364
US|Ohio|Columbus|Columbus|39.9612|-82.9988
US|Ohio|Cleveland|Cleveland|41.4995|-81.6954
US|Indiana|West Lafayette|West Lafayette|40.4259|-86.9081
US|Indiana|Bloomington|Bloomington|39.1653|-86.5264
US|Wisconsin|Madison|Madison|43.0731|-89.4012
US|Minnesota|Minneapolis|Minneapolis|44.9800|-93.2638
US|Colorado|Boulder|Boulder|40.0150|-105.2706
US|Colorado|Denver|Denver|39.7392|-104.9847
US|Arizona|Tempe|Tempe|33.4148|-111.9093
US|Arizona|Tucson|Tucson|32.2217|-110.9265
US|Utah|Salt Lake City|Salt Lake City|40.7608|-111.8911
US|Oregon|Portland|Portland|45.5234|-122.6762
US|Oregon|Corvallis|Corvallis|44.5646|-123.2620
US|Florida|Gainesville|Gainesville|29.6516|-82.3248
US|Florida|Miami|Miami|25.7743|-80.1937
US|Florida|Orlando|Orlando|28.5383|-81.3792
US|Connecticut|New Haven|New Haven|41.3081|-72.9282
US|Rhode Island|Providence|Providence|41.8240|-71.4128
US|Tennessee|Nashville|Nashville|36.1659|-86.7844
US|Tennessee|Knoxville|Knoxville|35.9606|-83.9207
US|Missouri|St. Louis|St. Louis|38.6273|-90.1979
US|Iowa|Iowa City|Iowa City|41.6611|-91.5302
US|Iowa|Ames|Ames|42.0347|-93.6199
US|Louisiana|Baton Rouge|Baton Rouge|30.4507|-91.1546
US|South Carolina|Columbia|Columbia|34.0007|-81.0348
US|Kentucky|Lexington|Lexington|37.9887|-84.4777
US|New Mexico|Albuquerque|Albuquerque|35.0845|-106.6511
US|New Mexico|Los Alamos|Los Alamos|35.8881|-106.3070
US|Nebraska|Lincoln|Lincoln|40.8000|-96.6670
US|Kansas|Lawrence|Lawrence|38.9717|-95.2352
US|Oklahoma|Norman|Norman|35.2226|-97.4395
US|Alabama|Tuscaloosa|Tuscaloosa|33.2098|-87.5692
US|Delaware|Wilmington|Wilmington|39.7460|-75.5466
US|New Hampshire|Hanover|Hanover|43.7023|-72.2895
US|Vermont|Burlington|Burlington|44.4759|-73.2121
US|Hawaii|Honolulu|Honolulu|21.3069|-157.8583
US|Nevada|Las Vegas|Las Vegas|36.1750|-115.1372
US|Nevada|Reno|Reno|39.5296|-119.8138
CN|Beijing|Beijing|Beijing|39.9075|116.3972
CN|Shanghai|Shanghai|Shanghai|31.2222|121.4581
CN|Guangdong|Guangzhou|Guangzhou|23.1167|113.2500
CN|Guangdong|Shenzhen|Shenzhen|22.5455|114.0683
CN|Zhejiang|Hangzhou|Hangzhou|30.2936|120.1614
CN|Zhejiang|Ningbo|Ningbo|29.8782|121.5494
CN|Jiangsu|Nanjing|Nanjing|32.0617|118.7778
CN|Jiangsu|Suzhou|Suzhou|31.3041|120.5954
CN|Hubei|Wuhan|Wuhan|30.5833|114.2667
CN|Shaanxi|Xi'an|Xi'an|34.2583|108.9286
CN|Sichuan|Chengdu|Chengdu|30.6667|104.0667
CN|Tianjin|Tianjin|Tianjin|39.1422|117.1767
CN|Anhui|Hefei|Hefei|31.8639|117.2808
CN|Heilongjiang|Harbin|Harbin|45.7500|126.6500
CN|Hunan|Changsha|Changsha|28.1987|112.9709
CN|Shandong|Jinan|Jinan|36.6683|116.9972
CN|Shandong|Qingdao|Qingdao|36.0660|120.3694
CN|Liaoning|Shenyang|Shenyang|41.7922|123.4328
CN|Liaoning|Dalian|Dalian|38.9122|121.6022
CN|Fujian|Xiamen|Xiamen|24.4798|118.0819
CN|Fujian|Fuzhou|Fuzhou|26.0614|119.3061
CN|Chongqing|Chongqing|Chongqing|29.5628|106.5528
CN|Jilin|Changchun|Changchun|43.8800|125.3228
CN|Henan|Zhengzhou|Zhengzhou|34.7578|113.6486
CN|Yunnan|Kunming|Kunming|25.0389|102.7183
CN|Gansu|Lanzhou|Lanzhou|36.0570|103.8399
CN|Jiangxi|Nanchang|Nanchang|28.6833|115.8833
CN|Shanxi|Taiyuan|Taiyuan|37.8694|112.5603
CN|Hebei|Shijiazhuang|Shijiazhuang|38.0414|114.4786
CN|Guangxi|Nanning|Nanning|22.8167|108.3167
CN|Guizhou|Guiyang|Guiyang|26.5833|106.7167
CN|Xinjiang|Urumqi|Urumqi|43.8256|87.6168
GB|Greater London|London|London|51.5085|-0.1257
GB|Cambridgeshire|Cambridge|Cambridge|52.2000|0.1167
GB|Oxfordshire|Oxford|Oxford|51.7522|-1.2560
GB|Edinburgh|Edinburgh|Edinburgh|55.9521|-3.1965
GB|Greater Manchester|Manchester|Manchester|53.4809|-2.2374
GB|West Midlands|Birmingham|Birmingham|52.4814|-1.8998
GB|West Midlands|Coventry|Coventry|52.4066|-1.5122
GB|West Yorkshire|Leeds|Leeds|53.7965|-1.5478
GB|South Yorkshire|Sheffield|Sheffield|53.3830|-1.4659
GB|Bristol|Bristol|Bristol|51.4552|-2.5966
GB|Glasgow|Glasgow|Glasgow|55.8651|-4.2576
GB|Cardiff|Cardiff|Cardiff|51.4800|-3.1800
GB|Tyne and Wear|Newcastle upon Tyne|Newcastle upon Tyne|54.9733|-1.6140
GB|Nottingham|Nottingham|Nottingham|52.9536|-1.1505
GB|Southampton|Southampton|Southampton|50.9040|-1.4043
GB|Surrey|Guildford|Guildford|51.2354|-0.5743
GB|Merseyside|Liverpool|Liverpool|53.4106|-2.9779
GB|Leicestershire|Loughborough|Loughborough|52.7667|-1.2000
GB|Lancashire|Lancaster|Lancaster|54.0465|-2.7999
GB|Devon|Exeter|Exeter|50.7236|-3.5275
GB|Kent|Canterbury|Canterbury|51.2790|1.0799
GB|Belfast|Belfast|Belfast|54.5833|-5.9333
GB|Bath and North East Somerset|Bath|Bath|51.3751|-2.3617
GB|York|York|York|53.9576|-1.0827
GB|Brighton and Hove|Brighton|Brighton|50.8284|-0.1395
GB|Aberdeen|Aberdeen|Aberdeen|57.1437|-2.0981
DE|Bavaria|Munich|München|48.1374|11.5755
DE|Bavaria|Erlangen|Erlangen|49.5910|11.0078
DE|Bavaria|Wuerzburg|Würzburg|49.7939|9.9512
DE|Berlin|Berlin|Berlin|52.5244|13.4105
DE|Baden-Württemberg|Stuttgart|Stuttgart|48.7823|9.1770
DE|Baden-Württemberg|Karlsruhe|Karlsruhe|49.0094|8.4044
DE|Baden-Württemberg|Heidelberg|Heidelberg|49.4077|8.6908
DE|Baden-Württemberg|Freiburg|Freiburg|47.9959|7.8522
DE|Baden-Württemberg|Tuebingen|Tübingen|48.5227|9.0522
DE|North Rhine-Westphalia|Aachen|Aachen|50.7766|6.0834
DE|North Rhine-Westphalia|Bonn|Bonn|50.7344|7.0955
DE|North Rhine-Westphalia|Cologne|Köln|50.9375|6.9603
DE|North Rhine-Westphalia|Dortmund|Dortmund|51.5149|7.4660
DE|North Rhine-Westphalia|Bochum|Bochum|51.4817|7.2165
DE|Hesse|Darmstadt|Darmstadt|49.8717|8.6503
DE|Hesse|Frankfurt am Main|Frankfurt am Main|50.1155|8.6842
DE|Saxony|Dresden|Dresden|51.0509|13.7383
DE|Saxony|Leipzig|Leipzig|51.3396|12.3713
DE|Lower Saxony|Hannover|Hannover|52.3705|9.7332
DE|Lower Saxony|Goettingen|Göttingen|51.5344|9.9323
DE|Hamburg|Hamburg|Hamburg|53.5753|10.0153
DE|Bremen|Bremen|Bremen|53.0752|8.8078
DE|Saarland|Saarbruecken|Saarbrücken|49.2402|6.9969
DE|Rhineland-Palatinate|Kaiserslautern|Kaiserslautern|49.4430|7.7716
DE|Rhineland-Palatinate|Mainz|Mainz|49.9842|8.2791
DE|Thuringia|Jena|Jena|50.9288|11.5899
DE|Schleswig-Holstein|Kiel|Kiel|54.3213|10.1349
DE|Mecklenburg-Vorpommern|Rostock|Rostock|54.0887|12.1405
DE|Saxony-Anhalt|Magdeburg|Magdeburg|52.1277|11.6292
DE|Brandenburg|Potsdam|Potsdam|52.3989|13.0657
FR|Île-de-France|Paris|Paris|48.8534|2.3488
FR|Île-de-France|Orsay|Orsay|48.6957|2.1873
FR|Île-de-France|Palaiseau|Palaiseau|48.7167|2.2500
FR|Auvergne-Rhône-Alpes|Grenoble|Grenoble|45.1667|5.7167
FR|Auvergne-Rhône-Alpes|Lyon|Lyon|45.7485|4.8467
FR|Provence-Alpes-Côte d'Azur|Marseille|Marseille|43.2970|5.3811
FR|Provence-Alpes-Côte d'Azur|Nice|Nice|43.7031|7.2661
FR|Provence-Alpes-Côte d'Azur|Valbonne|Valbonne|43.6329|6.9991
FR|Occitanie|Toulouse|Toulouse|43.6043|1.4437
FR|Occitanie|Montpellier|Montpellier|43.6109|3.8772
FR|Hauts-de-France|Lille|Lille|50.6330|3.0586
FR|Grand Est|Nancy|Nancy|48.6844|6.1850
FR|Grand Est|Strasbourg|Strasbourg|48.5839|7.7455
FR|Nouvelle-Aquitaine|Bordeaux|Bordeaux|44.8404|-0.5805
FR|Bretagne|Rennes|Rennes|48.1120|-1.6743
FR|Pays de la Loire|Nantes|Nantes|47.2172|-1.5534
FR|Normandie|Caen|Caen|49.1859|-0.3591
FR|Normandie|Rouen|Rouen|49.4431|1.0993
CA|Ontario|Toronto|Toronto|43.7001|-79.4163
CA|Ontario|Waterloo|Waterloo|43.4668|-80.5164
CA|Ontario|Ottawa|Ottawa|45.4112|-75.6981
CA|Quebec|Montreal|Montréal|45.5088|-73.5878
CA|Quebec|Quebec|Québec|46.8123|-71.2145
CA|British Columbia|Vancouver|Vancouver|49.2497|-123.1193
CA|British Columbia|Victoria|Victoria|48.4329|-123.3693
CA|Alberta|Edmonton|Edmonton|53.5501|-113.4687
CA|Alberta|Calgary|Calgary|51.0501|-114.0853
CA|Nova Scotia|Halifax|Halifax|44.6453|-63.5724
CA|Manitoba|Winnipeg|Winnipeg|49.8844|-97.1470
CA|Saskatchewan|Saskatoon|Saskatoon|52.1168|-106.6345
CA|New Brunswick|Fredericton|Fredericton|45.9454|-66.6656
JP|Tokyo|Tokyo|Tokyo|35.6895|139.6917
JP|Kanagawa|Yokohama|Yokohama|35.4478|139.6425
JP|Kanagawa|Kawasaki|Kawasaki|35.5206|139.7172
JP|Osaka|Osaka|Osaka|34.6937|135.5023
JP|Osaka|Suita|Suita|34.7614|135.5157
JP|Kyoto|Kyoto|Kyoto|35.0211|135.7538
JP|Aichi|Nagoya|Nagoya|35.1815|136.9066
JP|Ibaraki|Tsukuba|Tsukuba|36.2000|140.1000
JP|Miyagi|Sendai|Sendai|38.2576|140.8667
JP|Fukuoka|Fukuoka|Fukuoka|33.5904|130.4017
JP|Hokkaido|Sapporo|Sapporo|43.0642|141.3469
JP|Hyogo|Kobe|Kobe|34.6913|135.1830
JP|Hiroshima|Hiroshima|Hiroshima|34.3853|132.4553
JP|Ishikawa|Kanazawa|Kanazawa|36.5613|136.6562
JP|Chiba|Chiba|Chiba|35.6047|140.1233
IN|Karnataka|Bangalore|Bangalore|12.9719|77.5937
IN|Maharashtra|Mumbai|Mumbai|19.0728|72.8826
IN|Maharashtra|Pune|Pune|18.5196|73.8554
IN|Delhi|New Delhi|New Delhi|28.6358|77.2245
IN|Tamil Nadu|Chennai|Chennai|13.0878|80.2785
IN|Telangana|Hyderabad|Hyderabad|17.3840|78.4564
IN|West Bengal|Kolkata|Kolkata|22.5626|88.3630
IN|Uttar Pradesh|Kanpur|Kanpur|26.4478|80.3463
IN|Uttar Pradesh|Noida|Noida|28.5800|77.3300
IN|Gujarat|Ahmedabad|Ahmedabad|23.0258|72.5873
IN|Gujarat|Gandhinagar|Gandhinagar|23.2156|72.6369
IN|Assam|Guwahati|Guwahati|26.1844|91.7458
IN|Rajasthan|Jaipur|Jaipur|26.9196|75.7878
IN|Kerala|Thiruvananthapuram|Thiruvananthapuram|8.4855|76.9492
IN|Odisha|Bhubaneswar|Bhubaneswar|20.2961|85.8245
IN|Madhya Pradesh|Indore|Indore|22.7179|75.8333
IT|Lombardia|Milan|Milano|45.4642|9.1900
IT|Lazio|Rome|Roma|41.8919|12.5113
IT|Piemonte|Turin|Torino|45.0705|7.6868
IT|Toscana|Pisa|Pisa|43.7085|10.4036
IT|Toscana|Florence|Firenze|43.7792|11.2463
IT|Emilia-Romagna|Bologna|Bologna|44.4938|11.3387
IT|Emilia-Romagna|Modena|Modena|44.6478|10.9254
IT|Veneto|Padova|Padova|45.4080|11.8859
IT|Veneto|Venice|Venezia|45.4371|12.3326
IT|Campania|Naples|Napoli|40.8518|14.2681
IT|Liguria|Genoa|Genova|44.4264|8.9152
IT|Sicily|Palermo|Palermo|38.1320|13.3356
IT|Sicily|Catania|Catania|37.4922|15.0704
IT|Trentino-Alto Adige|Trento|Trento|46.0679|11.1211
IT|Friuli-Venezia Giulia|Trieste|Trieste|45.6433|13.7903
IT|Friuli-Venezia Giulia|Udine|Udine|46.0637|13.2446
IT|Apulia|Bari|Bari|41.1115|16.8554
ES|Madrid|Madrid|Madrid|40.4165|-3.7026
ES|Cataluña|Barcelona|Barcelona|41.3888|2.1590
ES|Valenciana|Valencia|Valencia|39.4697|-0.3774
ES|Andalucía|Sevilla|Sevilla|37.3828|-5.9732
ES|Andalucía|Granada|Granada|37.1882|-3.6067
ES|Andalucía|Malaga|Málaga|36.7202|-4.4203
ES|País Vasco|Bilbao|Bilbao|43.2627|-2.9253
ES|País Vasco|San Sebastian|Donostia-San Sebastián|43.3183|-1.9812
ES|Galicia|Santiago de Compostela|Santiago de Compostela|42.8805|-8.5457
ES|Galicia|Vigo|Vigo|42.2328|-8.7226
ES|Castilla y León|Valladolid|Valladolid|41.6552|-4.7237
ES|Castilla y León|Salamanca|Salamanca|40.9688|-5.6639
ES|Aragón|Zaragoza|Zaragoza|41.6561|-0.8773
ES|Murcia|Murcia|Murcia|37.9870|-1.1300
AU|New South Wales|Sydney|Sydney|-33.8678|151.2073
AU|Victoria|Melbourne|Melbourne|-37.8140|144.9633
AU|Queensland|Brisbane|Brisbane|-27.4679|153.0281
AU|Australian Capital Territory|Canberra|Canberra|-35.2835|149.1281
AU|South Australia|Adelaide|Adelaide|-34.9287|138.5986
AU|Western Australia|Perth|Perth|-31.9522|115.8614
AU|Tasmania|Hobart|Hobart|-42.8794|147.3294
NL|Noord-Holland|Amsterdam|Amsterdam|52.3740|4.8897
NL|Zuid-Holland|Delft|Delft|52.0067|4.3556
NL|Zuid-Holland|Leiden|Leiden|52.1583|4.4931
NL|Zuid-Holland|Rotterdam|Rotterdam|51.9225|4.4792
NL|Utrecht|Utrecht|Utrecht|52.0908|5.1222
NL|Noord-Brabant|Eindhoven|Eindhoven|51.4408|5.4778
NL|Noord-Brabant|Tilburg|Tilburg|51.5555|5.0913
NL|Gelderland|Nijmegen|Nijmegen|51.8425|5.8528
NL|Gelderland|Wageningen|Wageningen|51.9700|5.6667
NL|Overijssel|Enschede|Enschede|52.2183|6.8958
NL|Groningen|Groningen|Groningen|53.2192|6.5667
NL|Limburg|Maastricht|Maastricht|50.8483|5.6889
CH|Zürich|Zurich|Zürich|47.3667|8.5500
CH|Vaud|Lausanne|Lausanne|46.5160|6.6328
CH|Genève|Geneva|Genève|46.2044|6.1432
CH|Bern|Bern|Bern|46.9481|7.4474
CH|Basel-Stadt|Basel|Basel|47.5584|7.5733
CH|Ticino|Lugano|Lugano|46.0101|8.9600
CH|Valais|Sion|Sion|46.2331|7.3606
KR|Seoul|Seoul|Seoul|37.5660|126.9784
KR|Daejeon|Daejeon|Daejeon|36.3214|127.4197
KR|Gyeonggi|Suwon|Suwon|37.2636|127.0286
KR|Gyeonggi|Seongnam|Seongnam|37.4200|127.1265
KR|Gyeongsangbuk-do|Pohang|Pohang|36.0322|129.3650
KR|Busan|Busan|Busan|35.1028|129.0403
KR|Gwangju|Gwangju|Gwangju|35.1547|126.9156
KR|Ulsan|Ulsan|Ulsan|35.5372|129.3167
KR|Incheon|Incheon|Incheon|37.4565|126.7052
BR|São Paulo|Sao Paulo|São Paulo|-23.5475|-46.6361
BR|São Paulo|Campinas|Campinas|-22.9056|-47.0608
BR|Rio de Janeiro|Rio de Janeiro|Rio de Janeiro|-22.9028|-43.2075
BR|Minas Gerais|Belo Horizonte|Belo Horizonte|-19.9208|-43.9378
BR|Rio Grande do Sul|Porto Alegre|Porto Alegre|-30.0331|-51.2300
BR|Pernambuco|Recife|Recife|-8.0539|-34.8811
BR|Paraná|Curitiba|Curitiba|-25.4278|-49.2731
BR|Distrito Federal|Brasilia|Brasília|-15.7797|-47.9297
BR|Santa Catarina|Florianopolis|Florianópolis|-27.5967|-48.5492
RU|Moscow|Moscow|Moskva|55.7522|37.6156
RU|Saint Petersburg|Saint Petersburg|Sankt-Peterburg|59.9386|30.3141
RU|Novosibirsk|Novosibirsk|Novosibirsk|55.0415|82.9346
RU|Tomsk|Tomsk|Tomsk|56.4977|84.9744
RU|Tatarstan|Kazan|Kazan|55.7887|49.1221
RU|Sverdlovsk|Yekaterinburg|Yekaterinburg|56.8519|60.6122
RU|Moscow Oblast|Dolgoprudnyy|Dolgoprudnyy|55.9496|37.5018
IL|Tel Aviv|Tel Aviv|Tel Aviv|32.0809|34.7806
IL|Haifa|Haifa|Haifa|32.8184|34.9885
IL|Jerusalem|Jerusalem|Jerusalem|31.7690|35.2163
IL|Central|Rehovot|Rehovot|31.8928|34.8113
IL|Southern|Beersheba|Beersheba|31.2518|34.7913
SG|Singapore|Singapore|Singapore|1.2897|103.8501
SE|Stockholm|Stockholm|Stockholm|59.3326|18.0649
SE|Västra Götaland|Gothenburg|Göteborg|57.7089|11.9746
SE|Skåne|Lund|Lund|55.7058|13.1932
SE|Skåne|Malmoe|Malmö|55.6059|13.0007
SE|Uppsala|Uppsala|Uppsala|59.8588|17.6389
SE|Östergötland|Linkoeping|Linköping|58.4108|15.6214
BE|Brussels|Brussels|Bruxelles|50.8505|4.3488
BE|Vlaams Brabant|Leuven|Leuven|50.8796|4.7009
BE|Oost-Vlaanderen|Gent|Gent|51.0500|3.7167
BE|Antwerpen|Antwerpen|Antwerpen|51.2199|4.4035
BE|Brabant Wallon|Louvain-la-Neuve|Louvain-la-Neuve|50.6683|4.6144
BE|Liège|Liege|Liège|50.6337|5.5675
AT|Wien|Vienna|Wien|48.2085|16.3721
AT|Steiermark|Graz|Graz|47.0667|15.4500
AT|Oberösterreich|Linz|Linz|48.3064|14.2861
AT|Tirol|Innsbruck|Innsbruck|47.2627|11.3945
AT|Salzburg|Salzburg|Salzburg|47.7994|13.0440
PL|Mazowieckie|Warsaw|Warszawa|52.2298|21.0118
PL|Malopolskie|Krakow|Kraków|50.0614|19.9366
PL|Dolnoslaskie|Wroclaw|Wrocław|51.1000|17.0333
PL|Wielkopolskie|Poznan|Poznań|52.4069|16.9299
PL|Pomorskie|Gdansk|Gdańsk|54.3520|18.6464
PL|Slaskie|Katowice|Katowice|50.2584|19.0275
PL|Slaskie|Gliwice|Gliwice|50.2976|18.6766
PL|Lódzkie|Lodz|Łódź|51.7500|19.4667
IR|Tehran|Tehran|Tehran|35.6944|51.4215
IR|Esfahan|Isfahan|Isfahan|32.6525|51.6746
IR|Fars|Shiraz|Shiraz|29.6103|52.5311
IR|Razavi Khorasan|Mashhad|Mashhad|36.3156|59.5680
IR|East Azarbaijan|Tabriz|Tabriz|38.0800|46.2919
TR|Istanbul|Istanbul|İstanbul|41.0138|28.9497
TR|Ankara|Ankara|Ankara|39.9199|32.8543
TR|Izmir|Izmir|İzmir|38.4127|27.1384
TR|Bursa|Bursa|Bursa|40.1927|29.0840
TR|Kocaeli|Izmit|Izmit|40.7669|29.9169
TW|Taipei|Taipei|Taipei|25.0478|121.5319
TW|Hsinchu|Hsinchu|Hsinchu|24.8036|120.9686
TW|Tainan|Tainan|Tainan|22.9908|120.2133
TW|Taichung|Taichung|Taichung|24.1469|120.6839
TW|Kaohsiung|Kaohsiung|Kaohsiung|22.6163|120.3133
TW|Taoyuan|Taoyuan|Taoyuan|24.9896|121.3187
HK|Hong Kong|Hong Kong|Hong Kong|22.2855|114.1577
DK|Hovedstaden|Copenhagen|København|55.6759|12.5655
DK|Hovedstaden|Kongens Lyngby|Kongens Lyngby|55.7704|12.5038
DK|Midtjylland|Aarhus|Aarhus|56.1629|10.2039
DK|Nordjylland|Aalborg|Aalborg|57.0480|9.9187
DK|Syddanmark|Odense|Odense|55.3959|10.3883
FI|Uusimaa|Helsinki|Helsinki|60.1695|24.9354
FI|Uusimaa|Espoo|Espoo|60.2052|24.6522
FI|Pirkanmaa|Tampere|Tampere|61.4991|23.7871
FI|North Ostrobothnia|Oulu|Oulu|65.0124|25.4682
FI|Southwest Finland|Turku|Turku|60.4515|22.2687
NO|Oslo|Oslo|Oslo|59.9127|10.7461
NO|Trøndelag|Trondheim|Trondheim|63.4305|10.3951
NO|Vestland|Bergen|Bergen|60.3930|5.3242
IE|Dublin|Dublin|Dublin|53.3331|-6.2489
IE|Cork|Cork|Cork|51.8980|-8.4706
IE|Galway|Galway|Galway|53.2707|-9.0568
PT|Lisboa|Lisbon|Lisboa|38.7167|-9.1333
PT|Porto|Porto|Porto|41.1496|-8.6110
PT|Coimbra|Coimbra|Coimbra|40.2056|-8.4195
PT|Braga|Braga|Braga|41.5503|-8.4200
GR|Attica|Athens|Athína|37.9794|23.7162
GR|Central Macedonia|Thessaloniki|Thessaloníki|40.6436|22.9309
GR|Crete|Heraklion|Irákleio|35.3387|25.1442
GR|West Greece|Patra|Pátra|38.2444|21.7344
CZ|Prague|Prague|Praha|50.0880|14.4208
CZ|South Moravian|Brno|Brno|49.1952|16.6080
MX|Distrito Federal|Mexico City|Ciudad de México|19.4285|-99.1277
MX|Jalisco|Guadalajara|Guadalajara|20.6668|-103.3918
MX|Nuevo León|Monterrey|Monterrey|25.6751|-100.3185
MX|Puebla|Puebla|Puebla|19.0433|-98.2019
MX|Guanajuato|Guanajuato|Guanajuato|21.0186|-101.2591
CL|Región Metropolitana de Santiago|Santiago|Santiago|-33.4569|-70.6483
CL|Valparaíso|Valparaiso|Valparaíso|-33.0393|-71.6273
CL|Biobío|Concepcion|Concepción|-36.8270|-73.0498
AR|Ciudad de Buenos Aires|Buenos Aires|Buenos Aires|-34.6131|-58.3772
AR|Córdoba|Cordoba|Córdoba|-31.4135|-64.1810
AR|Buenos Aires|La Plata|La Plata|-34.9215|-57.9545
AR|Santa Fe|Rosario|Rosario|-32.9468|-60.6393
ZA|Gauteng|Johannesburg|Johannesburg|-26.2023|28.0436
ZA|Gauteng|Pretoria|Pretoria|-25.7449|28.1878
ZA|Western Cape|Cape Town|Cape Town|-33.9258|18.4232
ZA|Western Cape|Stellenbosch|Stellenbosch|-33.9346|18.8668
ZA|KwaZulu-Natal|Durban|Durban|-29.8579|31.0292
EG|Al Qahirah|Cairo|Cairo|30.0626|31.2497
EG|Al Iskandariyah|Alexandria|Alexandria|31.2156|29.9553
EG|Al Jizah|Giza|Giza|30.0131|31.2089
SA|Ar Riyad|Riyadh|Riyadh|24.6877|46.7219
SA|Makkah|Jeddah|Jeddah|21.5424|39.1980
SA|Ash Sharqiyah|Dhahran|Dhahran|26.2886|50.1140
AE|Abu Dhabi|Abu Dhabi|Abu Dhabi|24.4667|54.3667
AE|Dubai|Dubai|Dubai|25.0657|55.1713
AE|Sharjah|Sharjah|Sharjah|25.3374|55.4121
PK|Islamabad|Islamabad|Islamabad|33.7215|73.0433
PK|Punjab|Lahore|Lahore|31.5497|74.3436
PK|Sind|Karachi|Karachi|24.9056|67.0822
MY|Kuala Lumpur|Kuala Lumpur|Kuala Lumpur|3.1412|101.6865
MY|Selangor|Shah Alam|Shah Alam|3.0851|101.5328
MY|Pulau Pinang|George Town|George Town|5.4112|100.3354
MY|Johor|Johor Bahru|Johor Bahru|1.4655|103.7578
NZ|Auckland|Auckland|Auckland|-36.8667|174.7667
NZ|Wellington|Wellington|Wellington|-41.2866|174.7756
NZ|Canterbury|Christchurch|Christchurch|-43.5333|172.6333
NZ|Otago|Dunedin|Dunedin|-45.8742|170.5036
HU|Budapest|Budapest|Budapest|47.4980|19.0399
HU|Csongrád|Szeged|Szeged|46.2530|20.1482
HU|Hajdú-Bihar|Debrecen|Debrecen|47.5333|21.6333
"""

# Postcode shapes by country, for noisy addresses: '#' a digit, 'A' a capital letter.
POSTCODE_PATTERNS = {
    "US": "#####",
    "CN": "######",
    "GB": "AA# #AA",
    "DE": "#####",
    "FR": "#####",
    "CA": "A#A #A#",
    "JP": "###-####",
    "IN": "######",
    "IT": "#####",
    "ES": "#####",
    "AU": "####",
    "NL": "#### AA",
    "CH": "####",
    "KR": "#####",
    "BR": "#####-###",
    "RU": "######",
    "IL": "#######",
    "SG": "######",
    "SE": "### ##",
    "BE": "####",
    "AT": "####",
    "PL": "##-###",
    "IR": "#####-#####",
    "TR": "#####",
    "TW": "###",
    "DK": "####",
    "FI": "#####",
    "NO": "####",
    "IE": "A## A#A#",
    "PT": "####-###",
    "GR": "### ##",
    "CZ": "### ##",
    "MX": "#####",
    "CL": "#######",
    "AR": "A####AAA",
    "ZA": "####",
    "EG": "#####",
    "SA": "#####",
    "PK": "#####",
    "MY": "#####",
    "NZ": "####",
    "HU": "####",
}

# Street words by language, for noisy addresses.
STREET_WORDS = {
    "en": ["Street", "Road", "Avenue", "Drive", "Lane"],
    "de": ["Straße", "Weg", "Platz", "Allee"],
    "fr": ["rue", "avenue", "boulevard", "place"],
    "es": ["Calle", "Avenida", "Plaza"],
    "it": ["Via", "Piazza", "Viale"],
    "pt": ["Rua", "Avenida", "Praça"],
    "nl": ["straat", "laan", "plein"],
}


@lru_cache(maxsize=1)
def _countries() -> pd.DataFrame:
    """One row per country: ``country_code, adm0_a3, country_name, weight, lang``."""
    rows = [line.split("|") for line in _COUNTRIES.strip().splitlines()]
    table = pd.DataFrame(
        rows, columns=["country_code", "adm0_a3", "country_name", "weight", "lang"]
    )
    table["weight"] = table["weight"].astype(float)
    table["weight"] /= table["weight"].sum()
    return table


@lru_cache(maxsize=1)
def _cities() -> pd.DataFrame:
    """One row per city: ``city_id, country_code, region, city, city_local, lat, lon``."""
    rows = [line.split("|") for line in _CITIES.strip().splitlines()]
    table = pd.DataFrame(
        rows, columns=["country_code", "region", "city", "city_local", "lat", "lon"]
    )
    table[["lat", "lon"]] = table[["lat", "lon"]].astype(float)
    table.insert(0, "city_id", range(len(table)))
    return table


@lru_cache(maxsize=1)
def _regions() -> pd.DataFrame:
    """One row per region, with an invented but stable Natural Earth style ``adm1_code``.

    ``rank`` is the region's order of activity within its country (0 = most active).
    """
    table = _cities().drop_duplicates(["country_code", "region"])[["country_code", "region"]]
    table = table.merge(
        _countries()[["country_code", "adm0_a3", "country_name"]], on="country_code", how="left"
    ).reset_index(drop=True)
    table["rank"] = table.groupby("country_code").cumcount()
    table.insert(0, "region_id", [f"{a3}-{2001 + i}" for i, a3 in enumerate(table["adm0_a3"])])
    return table


def countries() -> pd.DataFrame:
    """One row per country: ``country_code, adm0_a3, country_name, weight, lang`` (a fresh
    copy of the cached table, so a caller's changes never reach the next caller)."""
    return _countries().copy()


def cities() -> pd.DataFrame:
    """One row per city: ``city_id, country_code, region, city, city_local, lat, lon`` (a
    fresh copy of the cached table)."""
    return _cities().copy()


def regions() -> pd.DataFrame:
    """One row per region: ``region_id, country_code, region, adm0_a3, country_name, rank``
    (a fresh copy of the cached table; ``rank`` 0 = the country's most active region)."""
    return _regions().copy()
