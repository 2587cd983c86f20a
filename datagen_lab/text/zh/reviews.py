"""A small Chinese sentiment set for the lesson: 160 one-sentence reviews, half positive, half negative.

Written for this course (public domain, no download), like the English
:mod:`datagen_lab.text.reviews`: films, books, restaurants, hotels, gadgets, shops and trips, in
plain Simplified Chinese, as minimal pairs (positive review i and negative review i are about the
same thing: "汤很热，味道鲜美。" / "汤是凉的，味道很淡。"), so a classifier must learn the
sentiment words, not the topics. The task is the one of ChnSentiCorp, the usual Chinese
sentiment benchmark (hotel reviews), in miniature.
"""

from __future__ import annotations

import numpy as np

from datagen_lab import checks

POSITIVE = """\
这部电影从头到尾都很精彩。
演员的表演很自然，音乐也非常动听。
故事温暖感人，看完心里很舒服。
剧本紧凑，每个角色都很出彩。
这部喜剧让我笑了整整两个小时。
结局出人意料，导演拍得很聪明。
画面非常漂亮，节奏也刚刚好。
我愿意再去电影院看一遍。
这部动画片可爱又有趣，孩子们都很喜欢。
纪录片拍得很用心，内容也很丰富。
续集比第一部还要好看。
这本书读起来很轻松愉快。
作者的文笔优美，故事也很吸引人。
我一口气读完了这本小说，太好看了。
书里的插图很精美，孩子爱不释手。
这本教材讲得清楚，例子也很实用。
人物写得很真实，结尾让人满意。
这本菜谱简单易学，做出来的菜很好吃。
翻译流畅自然，读起来一点也不费劲。
饭菜很好吃，服务员也很热情。
这家餐厅环境安静，菜品新鲜。
面条很有嚼劲，汤也很鲜美。
价格实惠，分量也很足。
厨师的手艺很好，每道菜都很入味。
汤很热，味道鲜美。
上菜很快，服务周到。
这里的咖啡香浓，面包也很新鲜。
甜点做得很精致，让人惊喜。
我们下次还会再来这家餐厅。
火锅的底料很香，肉也很新鲜。
店里干净整洁，用餐很舒心。
酒店房间干净、安静又舒适。
前台的工作人员热情又礼貌。
从窗户可以看到美丽的海景。
床很舒服，我一觉睡到天亮。
酒店位置很方便，离地铁站很近。
早餐种类丰富，味道也不错。
经理很快就帮我们解决了问题。
这次入住非常愉快，下次还住这里。
这部手机运行很快，电池也很耐用。
相机拍出来的照片清晰明亮。
这台电脑的键盘手感很好，屏幕也很清楚。
耳机音质很好，戴着也很舒服。
打印机安装起来又快又简单。
这个水壶烧水很快，外观也漂亮。
吸尘器很好用，吸力也很强。
这个软件界面简洁，用起来很方便。
路由器信号稳定，网速很快。
充电器质量很好，物有所值。
店员很有耐心，给了我很好的建议。
快递提前到了，包装也很完好。
客服回复很及时，很快解决了问题。
退款很快就到账了，过程很顺利。
我对这次购物非常满意。
鞋子大小合适，穿一整天也很舒服。
这件外套很暖和，做工也很好。
这门课讲得清楚生动，收获很大。
博物馆的展览很精彩，讲解员也很专业。
音乐会气氛热烈，乐队演奏得很棒。
公园里很安静，到处都是鲜花。
导游很专业，这次旅行非常开心。
健身房干净宽敞，器材也很新。
话剧很有意思，演员演得很好。
这款游戏很好玩，设计得也很用心。
火车很准时，座位也很舒服。
航班很平稳，空姐也很亲切。
这次假期很完美，天气也特别好。
新图书馆明亮宽敞，环境很好。
孩子们在游乐园玩得特别开心。
价格不贵，东西却很好吃。
用了一年都没出过问题，质量很好。
这个故事一点也不无聊，结局很棒。
组装很容易，用起来也很结实。
邻居很安静，房子也很干净。
护士很温柔，也很有耐心。
这家面包店的面包是我吃过最好吃的。
软件更新以后手机变快了。
这盏台灯的光线柔和舒服。
舞蹈课很有趣，老师教得很好。
这次旅行的每一天都很愉快。
"""

NEGATIVE = """\
这部电影从头到尾都很无聊。
演员的表演很做作，音乐也非常难听。
故事冷冰冰的，看完心里很难受。
剧本拖沓，每个角色都很单薄。
这部喜剧让我尴尬了整整两个小时。
结局老套无趣，导演拍得很笨拙。
画面非常粗糙，节奏也一团糟。
我再也不会去电影院看这部片子。
这部动画片丑陋又无聊，孩子们都不喜欢。
纪录片拍得很马虎，内容也很空洞。
续集比第一部还要难看。
这本书读起来很枯燥乏味。
作者的文笔生硬，故事也很无趣。
我读了两章就放弃了这本小说，太难看了。
书里的插图很粗糙，孩子根本不想看。
这本教材讲得混乱，例子也没有用。
人物写得很虚假，结尾让人失望。
这本菜谱复杂难懂，做出来的菜很难吃。
翻译生硬别扭，读起来非常费劲。
饭菜很难吃，服务员也很冷淡。
这家餐厅环境吵闹，菜品不新鲜。
面条煮得太烂，汤也很咸。
价格很贵，分量也很少。
厨师的手艺很差，每道菜都没有味道。
汤是凉的，味道很淡。
上菜很慢，服务很差。
这里的咖啡很淡，面包也不新鲜。
甜点做得很粗糙，让人失望。
我们再也不会来这家餐厅了。
火锅的底料很难闻，肉也不新鲜。
店里又脏又乱，吃饭很不舒服。
酒店房间又脏又吵，很不舒服。
前台的工作人员冷漠又没有礼貌。
从窗户只能看到一个停车场。
床很硬，我一整晚都没睡好。
酒店位置很偏，离地铁站很远。
早餐种类很少，味道也很差。
经理根本不理我们的投诉。
这次入住非常糟糕，再也不住这里了。
这部手机运行很慢，电池也不耐用。
相机拍出来的照片模糊昏暗。
这台电脑的键盘很难用，屏幕也很暗。
耳机音质很差，戴久了耳朵疼。
打印机安装起来又慢又麻烦。
这个水壶漏水，烧水也很慢。
吸尘器很难用，一个星期就坏了。
这个软件界面混乱，用起来很麻烦。
路由器信号不稳定，经常断网。
充电器很快就坏了，完全是浪费钱。
店员很不耐烦，给了我错误的建议。
快递晚了一个星期，包装也破了。
客服一直不回复，问题也没有解决。
退款拖了好几个月，过程很麻烦。
我对这次购物非常失望。
鞋子太小了，穿一个小时脚就疼。
这件外套很薄，做工也很差。
这门课讲得混乱无聊，什么也没学到。
博物馆的展览很无聊，讲解员也很敷衍。
音乐会太吵了，乐队演奏得很糟糕。
公园里很脏，到处都是垃圾。
导游很不专业，这次旅行非常扫兴。
健身房又脏又挤，器材也很旧。
话剧很无聊，演员还忘了台词。
这款游戏很无聊，设计得也很粗糙。
火车晚点了，座位也是坏的。
航班很颠簸，空姐也很不耐烦。
这次假期很糟糕，天气也特别差。
新图书馆又暗又挤，环境很差。
孩子们在游乐园玩得一点也不开心。
价格不便宜，东西却很难吃。
用了一个月就出了问题，质量很差。
这个故事很无聊，结局更糟糕。
组装很麻烦，用起来也不结实。
邻居很吵，房子也很脏。
护士很粗鲁，也很不耐烦。
这家面包店的面包是我吃过最难吃的。
软件更新以后手机变慢了。
这盏台灯的光线刺眼难受。
舞蹈课很混乱，老师教得很差。
这次旅行的每一天都很辛苦。
"""


def load_reviews() -> tuple[list[str], np.ndarray]:
    """All reviews and their labels.

    Returns:
        ``(texts, labels)``: 160 strings and an int64 array (160,), 1 = positive, 0 = negative,
        positives first; positive i and negative i are a minimal pair.
    """
    positive, negative = POSITIVE.splitlines(), NEGATIVE.splitlines()
    labels = np.array([1] * len(positive) + [0] * len(negative), dtype=np.int64)
    return positive + negative, labels


def split_reviews(
    test_share: float = 0.5, seed: int = 0
) -> tuple[list[str], np.ndarray, list[str], np.ndarray]:
    """A train/test split of :func:`load_reviews` that keeps each minimal pair on one side.

    Returns:
        ``(train_texts, train_labels, test_texts, test_labels)``, balanced classes on both sides.
    """
    checks.check_number(test_share, "test_share", low=0, high=1, low_open=True, high_open=True)
    seed = checks.check_seed(seed)
    texts, labels = load_reviews()
    pairs = len(texts) // 2
    test_pairs = np.random.default_rng(seed).permutation(pairs)[: int(round(test_share * pairs))]
    test = np.zeros(len(texts), dtype=bool)
    test[test_pairs] = test[test_pairs + pairs] = True
    train_x = [t for t, held in zip(texts, test, strict=True) if not held]
    test_x = [t for t, held in zip(texts, test, strict=True) if held]
    return train_x, labels[~test], test_x, labels[test]
