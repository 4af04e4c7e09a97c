package org.scriptorium.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Real administrative division names (province, prefecture, county level, GB/T 2260 style), written
 * for this project from public knowledge. They give titles and text the local colour of real
 * materials (在正定县乡村振兴推进会上的讲话); the hierarchy keeps a county inside its own city.
 */
final class Places {

    /** One place a document is about, with the words that refer to it in running text. */
    record Place(String name, String province, String city, Level level) {

        /** 全县, 全市, 全区 …: how a speaker at this level refers to the whole area. */
        String scope() {
            return "全" + unitChar();
        }

        /** The one character that prefixes departments and offices of this level (县应急管理部门, 市委). */
        String unitChar() {
            if (name.endsWith("地区")) {
                return "地区";
            }
            return name.substring(name.length() - 1);
        }
    }

    enum Level { PROVINCE, CITY, COUNTY }

    /** Province, then "city: county, county …" groups; 直辖市 list their districts and counties directly. */
    private static final String[][] TABLE = {
        {"北京市", "北京市: 延庆区 密云区 怀柔区 平谷区"},
        {"天津市", "天津市: 蓟州区 宝坻区 静海区"},
        {"上海市", "上海市: 崇明区 金山区 青浦区"},
        {"重庆市", "重庆市: 城口县 巫山县 奉节县 石柱土家族自治县 酉阳土家族苗族自治县"},
        {"河北省", "石家庄市: 正定县 平山县 赞皇县 晋州市 新乐市", "保定市: 涞源县 阜平县 涿州市 安国市",
            "邯郸市: 涉县 武安市 磁县", "张家口市: 张北县 蔚县 怀来县"},
        {"山西省", "太原市: 清徐县 阳曲县 古交市", "大同市: 灵丘县 阳高县 天镇县", "长治市: 沁源县 平顺县",
            "吕梁市: 兴县 临县 汾阳市"},
        {"内蒙古自治区", "呼和浩特市: 托克托县 武川县", "赤峰市: 宁城县 林西县 敖汉旗",
            "鄂尔多斯市: 准格尔旗 达拉特旗"},
        {"辽宁省", "沈阳市: 康平县 法库县 新民市", "大连市: 庄河市 瓦房店市 长海县", "丹东市: 宽甸满族自治县 凤城市 东港市"},
        {"吉林省", "长春市: 农安县 榆树市 德惠市", "吉林市: 桦甸市 蛟河市 永吉县", "延边朝鲜族自治州: 延吉市 珲春市 安图县"},
        {"黑龙江省", "哈尔滨市: 五常市 尚志市 宾县", "齐齐哈尔市: 讷河市 龙江县 克山县", "牡丹江市: 海林市 宁安市 东宁市"},
        {"江苏省", "南京市: 江宁区 六合区 溧水区", "苏州市: 昆山市 常熟市 张家港市 太仓市", "徐州市: 沛县 丰县 邳州市 新沂市",
            "盐城市: 东台市 射阳县 阜宁县"},
        {"浙江省", "杭州市: 桐庐县 淳安县 建德市", "宁波市: 象山县 宁海县 余姚市 慈溪市", "温州市: 乐清市 瑞安市 永嘉县 文成县",
            "丽水市: 龙泉市 遂昌县 松阳县 景宁畲族自治县"},
        {"安徽省", "合肥市: 肥西县 肥东县 长丰县 巢湖市", "阜阳市: 临泉县 太和县 界首市", "六安市: 金寨县 霍山县 舒城县",
            "黄山市: 歙县 黟县 休宁县"},
        {"福建省", "福州市: 闽侯县 连江县 福清市", "三明市: 尤溪县 将乐县 永安市", "龙岩市: 长汀县 上杭县 漳平市",
            "南平市: 武夷山市 建瓯市 顺昌县"},
        {"江西省", "南昌市: 南昌县 进贤县 安义县", "赣州市: 瑞金市 于都县 兴国县 寻乌县", "吉安市: 井冈山市 永新县 遂川县",
            "上饶市: 婺源县 弋阳县 德兴市"},
        {"山东省", "济南市: 平阴县 商河县", "青岛市: 胶州市 平度市 莱西市", "潍坊市: 寿光市 诸城市 青州市 临朐县",
            "临沂市: 沂水县 沂南县 蒙阴县 兰陵县"},
        {"河南省", "郑州市: 中牟县 巩义市 新郑市 登封市", "开封市: 兰考县 杞县 尉氏县", "洛阳市: 栾川县 嵩县 汝阳县",
            "南阳市: 西峡县 淅川县 邓州市", "信阳市: 新县 光山县 固始县 商城县"},
        {"湖北省", "宜昌市: 秭归县 长阳土家族自治县 宜都市 当阳市", "恩施土家族苗族自治州: 恩施市 利川市 巴东县",
            "黄冈市: 红安县 麻城市 罗田县 英山县"},
        {"湖南省", "长沙市: 长沙县 宁乡市 浏阳市", "湘西土家族苗族自治州: 花垣县 凤凰县 吉首市", "郴州市: 汝城县 资兴市 宜章县",
            "邵阳市: 新宁县 武冈市 隆回县"},
        {"广东省", "韶关市: 仁化县 始兴县 乐昌市 南雄市", "梅州市: 大埔县 五华县 兴宁市", "清远市: 英德市 连州市 阳山县"},
        {"广西壮族自治区", "南宁市: 宾阳县 横州市 上林县", "桂林市: 阳朔县 龙胜各族自治县 荔浦市", "百色市: 凌云县 乐业县 靖西市",
            "河池市: 环江毛南族自治县 巴马瑶族自治县 东兰县"},
        {"海南省", "海口市: 秀英区 琼山区 美兰区"},
        {"四川省", "成都市: 金堂县 大邑县 蒲江县 都江堰市 彭州市", "绵阳市: 北川羌族自治县 平武县 江油市",
            "凉山彝族自治州: 昭觉县 布拖县 西昌市", "南充市: 阆中市 仪陇县 南部县"},
        {"贵州省", "贵阳市: 开阳县 修文县 清镇市", "遵义市: 湄潭县 凤冈县 赤水市 仁怀市", "毕节市: 威宁彝族回族苗族自治县 大方县 赫章县",
            "黔东南苗族侗族自治州: 凯里市 雷山县 台江县 从江县"},
        {"云南省", "昆明市: 宜良县 石林彝族自治县 安宁市", "曲靖市: 会泽县 宣威市 陆良县", "大理白族自治州: 大理市 宾川县 弥渡县 剑川县",
            "怒江傈僳族自治州: 泸水市 福贡县 贡山独龙族怒族自治县"},
        {"西藏自治区", "拉萨市: 林周县 墨竹工卡县 尼木县", "日喀则市: 江孜县 定日县 拉孜县", "林芝市: 工布江达县 波密县"},
        {"陕西省", "西安市: 蓝田县 周至县", "延安市: 延川县 延长县 子长市", "宝鸡市: 眉县 太白县", "汉中市: 城固县 洋县 留坝县 宁强县"},
        {"甘肃省", "兰州市: 永登县 榆中县 皋兰县", "定西市: 通渭县 陇西县 渭源县", "天水市: 秦安县 甘谷县 武山县", "陇南市: 康县 成县 徽县"},
        {"青海省", "西宁市: 大通回族土族自治县 湟源县", "海东市: 互助土族自治县 化隆回族自治县"},
        {"宁夏回族自治区", "银川市: 永宁县 贺兰县 灵武市", "固原市: 西吉县 隆德县 泾源县 彭阳县"},
        {"新疆维吾尔自治区", "乌鲁木齐市: 乌鲁木齐县", "喀什地区: 疏附县 莎车县 叶城县", "伊犁哈萨克自治州: 伊宁市 霍城县 特克斯县",
            "阿克苏地区: 库车市 拜城县 温宿县"},
    };

    static final List<Place> PROVINCES;
    static final List<Place> CITIES;
    static final List<Place> COUNTIES;

    static {
        List<Place> provinces = new ArrayList<>();
        List<Place> cities = new ArrayList<>();
        List<Place> counties = new ArrayList<>();
        for (String[] row : TABLE) {
            String province = row[0];
            provinces.add(new Place(province, province, null, Level.PROVINCE));
            for (int i = 1; i < row.length; i++) {
                int colon = row[i].indexOf(':');
                String city = row[i].substring(0, colon);
                if (!city.equals(province)) {
                    cities.add(new Place(city, province, city, Level.CITY));
                }
                for (String county : row[i].substring(colon + 1).trim().split(" +")) {
                    counties.add(new Place(county, province, city, Level.COUNTY));
                }
            }
        }
        PROVINCES = List.copyOf(provinces);
        CITIES = List.copyOf(cities);
        COUNTIES = List.copyOf(counties);
    }

    private Places() {
    }

    /** Every name in the table, once, for tests and for the count the brief asks for. */
    static List<String> allNames() {
        List<String> names = new ArrayList<>();
        PROVINCES.forEach(p -> names.add(p.name()));
        CITIES.forEach(p -> names.add(p.name()));
        COUNTIES.forEach(p -> names.add(p.name()));
        return names;
    }
}
