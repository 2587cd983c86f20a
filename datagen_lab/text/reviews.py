"""A small labelled set for the text lesson: 240 one-sentence reviews, half positive, half negative.

Written for this course (public domain, no download): films, books, restaurants, hotels, gadgets
and shops, in plain English, so that a bag-of-words classifier learns something in milliseconds
and a learner can read every example. Sentiment is the task the EDA paper's SST-2 and CR sets pose.
"""

from __future__ import annotations

import numpy as np

from datagen_lab import checks

POSITIVE = """\
The film was a delight from start to finish.
I loved the acting and the music was wonderful.
A beautiful story told with warmth and humour.
The cast is brilliant and the script is sharp.
This movie made me laugh and cry in the best way.
An excellent thriller with a clever ending.
The director created a charming and moving picture.
Every scene looks lovely and the pacing is perfect.
I would happily watch this film again tomorrow.
A funny, smart and touching comedy for the whole family.
The performances are superb and the dialogue sparkles.
Great fun, with fantastic effects and a lovely soundtrack.
One of the best films I have seen this year.
The animation is gorgeous and the characters are adorable.
A gripping drama that kept me on the edge of my seat.
The documentary is fascinating and beautifully filmed.
This sequel is even better than the original.
The young actress gives a remarkable and honest performance.
A wonderful evening at the cinema, highly recommended.
The plot is inventive and the jokes land every time.
This book is a pleasure to read.
The novel is thoughtful, elegant and deeply moving.
I could not put this book down, it is that good.
The author writes with great skill and kindness.
A delightful collection of stories for young readers.
The characters feel real and the ending is satisfying.
This guide is clear, practical and very useful.
A brilliant debut novel with a memorable heroine.
The poems are lovely and full of quiet joy.
I enjoyed every chapter of this clever mystery.
The biography is well researched and wonderfully written.
A heartwarming tale that I will recommend to my friends.
The recipes in this cookbook are simple and delicious.
The illustrations are charming and the story is sweet.
An inspiring book that left me hopeful and happy.
The meal was delicious and the staff were friendly.
We had a lovely dinner in a cosy little restaurant.
The pasta was fresh and the sauce was perfect.
Excellent service, generous portions and fair prices.
The chef clearly cares about good ingredients.
The soup was hot, tasty and full of flavour.
Our waiter was kind, quick and very helpful.
The best pizza in town, crisp and fragrant.
A pleasant cafe with great coffee and fresh bread.
The dessert was a wonderful surprise.
We will definitely come back to this restaurant.
The curry was rich, fragrant and perfectly spiced.
Friendly people, a calm room and a superb breakfast.
The sushi was fresh and beautifully presented.
Everything we ordered was delicious.
The hotel room was clean, quiet and comfortable.
The staff at the front desk were warm and welcoming.
A beautiful hotel with a stunning view of the sea.
The bed was comfortable and I slept very well.
Great location, close to the station and the old town.
The breakfast buffet was varied and fresh.
Our stay was relaxing and the pool was lovely.
The manager solved our problem quickly and politely.
A charming guest house run by a generous family.
I would gladly stay at this hotel again.
This phone is fast and the battery lasts all day.
The camera takes sharp and bright pictures.
A solid laptop with a great keyboard and a clear screen.
The headphones sound amazing and feel comfortable.
Setting up the printer was quick and easy.
The watch is light, elegant and accurate.
This kettle boils water quickly and looks great.
The speaker is small but the sound is rich and clear.
A reliable vacuum cleaner that works really well.
The tablet is a joy to use for reading and drawing.
The app is simple, stylish and very helpful.
My new bike is sturdy, smooth and fun to ride.
The blender is powerful and easy to clean.
This router gives a strong and stable connection.
The charger works perfectly and was worth every penny.
The shop assistant was patient and gave good advice.
My parcel arrived early and well packed.
The store is tidy and the prices are reasonable.
Customer service answered at once and fixed the issue.
A great market with fresh fruit and friendly sellers.
The delivery was fast and the driver was polite.
The refund was quick and the process was painless.
I am very happy with this purchase.
The shoes fit perfectly and are comfortable all day.
The jacket is warm, well made and looks smart.
A lovely gift shop with beautiful handmade things.
The course was clear, engaging and well organised.
The museum was fascinating and the guide was superb.
The concert was joyful and the band was brilliant.
The garden is peaceful and full of colourful flowers.
The tour was fun and our guide was very knowledgeable.
The gym is clean, modern and never too crowded.
The play was witty and the actors were wonderful.
The game is exciting and beautifully designed.
The train was on time and the seats were comfortable.
The flight was smooth and the crew were cheerful.
Our holiday was perfect and the weather was glorious.
The workshop was useful and the teacher was inspiring.
The new library is bright, calm and welcoming.
A fantastic day out that the children adored.
The festival was lively and well organised.
Not bad at all, I actually enjoyed it a lot.
The food was not expensive and tasted great.
I had no problems with this fridge, it is excellent.
The story never gets boring and the ending is great.
It was easy to assemble and it feels solid.
A fair price for such a good product.
The neighbours were quiet and the flat was spotless.
Every part of the trip was a pleasure.
The nurse was gentle, patient and reassuring.
The bakery sells the finest bread I have tasted.
A clever puzzle game that rewards patience.
The ending surprised me in a good way.
A true classic that deserves its fame.
The hike was beautiful and the views were amazing.
The lecture was inspiring and easy to follow.
My order was correct and the food was still warm.
The software update made the phone faster.
The lamp gives a soft and pleasant light.
The dance class was cheerful and the trainer was excellent.
"""

NEGATIVE = """\
The film was dull from start to finish.
I hated the acting and the music was awful.
A boring story told without any warmth or humour.
The cast is weak and the script is clumsy.
This movie made me want to leave after ten minutes.
A predictable thriller with a silly ending.
The director created a confusing and empty picture.
Every scene drags and the pacing is terrible.
I would never watch this film again.
A stupid, lazy comedy with no real jokes.
The performances are wooden and the dialogue is painful.
Cheap effects and a loud, annoying soundtrack.
One of the worst films I have seen this year.
The animation is ugly and the characters are irritating.
A slow drama that nearly put me to sleep.
The documentary is shallow and badly filmed.
This sequel is even worse than the original.
The lead actor gives a flat and forced performance.
A wasted evening at the cinema, avoid it.
The plot makes no sense and the jokes fall flat.
This book is a chore to read.
The novel is shallow, messy and strangely cold.
I gave up on this book after two chapters.
The author writes with little skill and no care.
A tedious collection of stories that go nowhere.
The characters feel fake and the ending is annoying.
This guide is confusing, vague and full of mistakes.
A disappointing debut novel with a forgettable heroine.
The poems are clumsy and oddly bitter.
I was bored by every chapter of this mystery.
The biography is sloppy and poorly researched.
A gloomy tale that I would not recommend to anyone.
The recipes in this cookbook are fussy and bland.
The illustrations are crude and the story is dull.
A depressing book that left me tired and irritated.
The meal was cold and the staff were rude.
We had a miserable dinner in a noisy restaurant.
The pasta was soggy and the sauce was bland.
Slow service, tiny portions and high prices.
The chef clearly does not care about the food.
The soup was lukewarm, salty and tasteless.
Our waiter was rude, slow and unhelpful.
The worst pizza in town, burnt and greasy.
A grim cafe with weak coffee and stale bread.
The dessert was a sad disappointment.
We will never come back to this restaurant.
The curry was watery and far too oily.
Unfriendly people, a cramped room and a poor breakfast.
The sushi was warm and smelled strange.
Everything we ordered was overcooked.
The hotel room was dirty, noisy and uncomfortable.
The staff at the front desk were cold and careless.
An ugly hotel with a view of a car park.
The bed was hard and I hardly slept at all.
Bad location, far from the station and the old town.
The breakfast buffet was poor and stale.
Our stay was stressful and the pool was closed.
The manager ignored our complaint and was impolite.
A shabby guest house with broken windows.
I would never stay at this hotel again.
This phone is slow and the battery dies by noon.
The camera takes blurry and dark pictures.
A flimsy laptop with a sticky keyboard and a dim screen.
The headphones sound tinny and hurt my ears.
Setting up the printer was slow and frustrating.
The watch is heavy, ugly and always late.
This kettle leaks and takes ages to boil.
The speaker is big but the sound is thin and harsh.
An unreliable vacuum cleaner that broke in a week.
The tablet is a pain to use and crashes often.
The app is confusing, ugly and full of bugs.
My new bike is wobbly, noisy and hard to ride.
The blender is weak and impossible to clean.
This router keeps dropping the connection.
The charger stopped working and was a waste of money.
The shop assistant was impatient and gave bad advice.
My parcel arrived late and badly damaged.
The store is messy and the prices are silly.
Customer service never answered and ignored the issue.
A dreary market with old fruit and grumpy sellers.
The delivery was late and the driver was rude.
The refund took months and the process was a nightmare.
I am very unhappy with this purchase.
The shoes pinch and hurt after an hour.
The jacket is thin, badly stitched and looks cheap.
A dusty gift shop full of tacky junk.
The course was muddled, dull and badly organised.
The museum was boring and the guide was lost.
The concert was too loud and the band was sloppy.
The garden is neglected and full of weeds.
The tour was rushed and our guide knew very little.
The gym is dirty, old and always crowded.
The play was dull and the actors forgot their lines.
The game is repetitive and badly designed.
The train was late and the seats were broken.
The flight was bumpy and the crew were grumpy.
Our holiday was ruined and the weather was awful.
The workshop was useless and the teacher was bored.
The new library is dark, cramped and unwelcoming.
A dreadful day out that the children hated.
The festival was chaotic and badly run.
Not good at all, I regret going.
The food was not cheap and tasted awful.
I had nothing but problems with this fridge.
The story is boring and the ending is worse.
It was hard to assemble and it feels fragile.
A silly price for such a poor product.
The neighbours were loud and the flat was filthy.
Every part of the trip was a struggle.
The nurse was rough, impatient and dismissive.
The bakery sells the stalest bread I have tasted.
A tedious puzzle game that punishes patience.
The ending annoyed me and felt cheap.
An overrated film that does not deserve its fame.
The hike was exhausting and the views were hidden by fog.
The lecture was confusing and hard to follow.
My order was wrong and the food was cold.
The software update made the phone slower.
The lamp gives a harsh and flickering light.
The dance class was chaotic and the trainer was careless.
"""


def load_reviews() -> tuple[list[str], np.ndarray]:
    """All reviews and their labels.

    Returns:
        ``(texts, labels)``: 240 strings and an int array (240,), 1 = positive, 0 = negative,
        positives first.
    """
    positive, negative = POSITIVE.splitlines(), NEGATIVE.splitlines()
    labels = np.array([1] * len(positive) + [0] * len(negative), dtype=np.int64)
    return positive + negative, labels


def split_reviews(
    test_share: float = 0.5, seed: int = 0
) -> tuple[list[str], np.ndarray, list[str], np.ndarray]:
    """A train/test split of :func:`load_reviews` that keeps each minimal pair together.

    Positive review i and negative review i are written as a pair about the same thing ("The
    soup was hot, tasty ..." / "The soup was lukewarm, salty ..."). Both go to the same side,
    so topic words carry no label and a classifier must learn the sentiment words.

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
