from django.urls import path

from campaigns.views import campaigns, clusters, criteria, registrations, reviews, scoring

urlpatterns = [
    path("campaigns/", campaigns.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/new/", campaigns.CampaignCreateView.as_view(), name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.CampaignDetailView.as_view(), name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", campaigns.CampaignUpdateView.as_view(), name="campaign_update"),
    path("campaigns/<int:pk>/state/", campaigns.CampaignStateView.as_view(), name="campaign_state"),
    path("campaigns/<int:pk>/plan/", campaigns.CampaignFileView.as_view(), name="campaign_plan_file"),
    path("campaigns/<int:pk>/criteria/new/", criteria.CriterionFormView.as_view(), name="criterion_add"),
    path("campaigns/<int:pk>/criteria/<int:criterion>/", criteria.CriterionFormView.as_view(), name="criterion_edit"),
    path(
        "campaigns/<int:pk>/criteria/<int:criterion>/delete/",
        criteria.CriterionDeleteView.as_view(),
        name="criterion_delete",
    ),
    path("campaigns/<int:pk>/criteria/copy/", criteria.CopyCriteriaView.as_view(), name="criteria_copy"),
    path("campaigns/<int:pk>/register/", registrations.RegisterView.as_view(), name="campaign_register"),
    path(
        "campaigns/<int:pk>/registrations/<int:registration>/<str:action>/",
        registrations.RegistrationActionView.as_view(),
        name="registration_action",
    ),
    path("campaigns/<int:pk>/reviews/new/", reviews.ReviewCreateView.as_view(), name="review_create"),
    path(
        "campaigns/<int:pk>/files/<str:kind>/<int:item>/",
        reviews.CampaignDocumentView.as_view(),
        name="campaign_document",
    ),
    path("campaigns/<int:pk>/clusters/<int:cluster>/", scoring.RankingView.as_view(), name="cluster_ranking"),
    path(
        "campaigns/<int:pk>/clusters/<int:cluster>/units/<int:unit>/<str:by>/",
        scoring.ScoreView.as_view(),
        name="cluster_score",
    ),
    path(
        "campaigns/<int:pk>/clusters/<int:cluster>/finalize/",
        scoring.FinalizeRankingView.as_view(),
        name="cluster_ranking_finalize",
    ),
    path(
        "campaigns/<int:pk>/clusters/<int:cluster>/reopen/",
        scoring.ReopenRankingView.as_view(),
        name="cluster_ranking_reopen",
    ),
    path("clusters/", clusters.ClusterListView.as_view(), name="cluster_list"),
    path("clusters/new/", clusters.ClusterCreateView.as_view(), name="cluster_create"),
    path("clusters/<int:pk>/", clusters.ClusterDetailView.as_view(), name="cluster_detail"),
    path("clusters/<int:pk>/members/", clusters.MembershipAddView.as_view(), name="cluster_member_add"),
    path(
        "clusters/<int:pk>/members/<int:membership>/remove/",
        clusters.MembershipRemoveView.as_view(),
        name="cluster_member_remove",
    ),
    path("clusters/<int:pk>/members/copy/", clusters.CopyMembersView.as_view(), name="cluster_members_copy"),
]
